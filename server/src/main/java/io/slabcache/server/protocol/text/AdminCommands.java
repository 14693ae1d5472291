package io.slabcache.server.protocol.text;

import io.slabcache.server.engine.CrawlStatus;
import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.LruTuning;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.protocol.CommandContext;
import io.slabcache.server.protocol.PrefixStats;
import io.slabcache.server.protocol.ReplyOutput;
import io.slabcache.server.protocol.Watchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text protocol's administrative commands: stats, flush_all, version, verbosity, quit,
 * shutdown, slabs, lru_crawler, lru, cache_memlimit and watch, with memcached's replies.
 */
final class AdminCommands {

  /** What the connection does after the command. */
  enum Outcome {
    CONTINUE,
    CLOSE,
    /** The connection now only receives the log lines it asked for. */
    WATCH
  }

  private static final int MAX_TOKENS = 24;
  private static final long MAX_MEMLIMIT_MEGABYTES = 1_000_000_000L;
  private static final int MIN_MEMLIMIT_MEGABYTES = 8;

  /** memcached's bound on a cachedump reply. */
  private static final int CACHEDUMP_BYTES = 2 * 1024 * 1024;

  private static final Set<String> SILENCEABLE =
      Set.of("flush_all", "verbosity", "cache_memlimit", "lru");

  private final CommandContext context;
  private final SlabEngine engine;

  AdminCommands(CommandContext context) {
    this.context = context;
    this.engine = context.engine();
  }

  Outcome execute(List<String> tokens, ReplyOutput out) {
    int ntokens = Math.min(tokens.size(), MAX_TOKENS - 1) + 1;
    // Only the commands memcached checks for noreply honour it; version, for one, always answers.
    boolean noreply =
        SILENCEABLE.contains(tokens.get(0)) && tokens.get(tokens.size() - 1).equals("noreply");
    String reply;
    switch (tokens.get(0)) {
      case "stats":
        stats(tokens, out);
        return Outcome.CONTINUE;
      case "version":
        reply = "VERSION " + context.version();
        break;
      case "quit":
        return Outcome.CLOSE;
      case "shutdown":
        return shutdown(tokens, ntokens, out);
      case "flush_all":
        if (ntokens < 2 || ntokens > 4) {
          reply = "ERROR";
          noreply = false;
        } else {
          reply = flushAll(tokens, ntokens, noreply);
        }
        break;
      case "verbosity":
        if (ntokens != 3 && ntokens != 4) {
          reply = "ERROR";
          noreply = false;
        } else {
          reply = verbosity(tokens);
        }
        break;
      case "cache_memlimit":
        if (ntokens != 3 && ntokens != 4) {
          reply = "ERROR";
          noreply = false;
        } else {
          reply = memlimit(tokens);
        }
        break;
      case "slabs":
        return slabs(tokens, ntokens, out);
      case "lru_crawler":
        lruCrawler(tokens, ntokens, out);
        return Outcome.CONTINUE;
      case "lru":
        reply = ntokens < 3 ? "ERROR" : lru(tokens, ntokens);
        break;
      case "watch":
        return watch(tokens, out);
      default:
        reply = "ERROR";
        noreply = false;
    }
    if (!noreply) {
      out.line(reply);
    }
    return Outcome.CONTINUE;
  }

  private void stats(List<String> tokens, ReplyOutput out) {
    if (tokens.size() == 1) {
      statLines(context.generalStats(), out);
      return;
    }
    switch (tokens.get(1)) {
      case "reset":
        context.resetStats();
        out.line("RESET");
        return;
      case "settings":
        statLines(context.settingsStats(), out);
        return;
      case "items":
        statLines(engine.stats().items(), out);
        return;
      case "slabs":
        statLines(engine.stats().slabs(), out);
        return;
      case "sizes":
        statLines(engine.stats().sizes(), out);
        return;
      case "sizes_enable":
        if (engine.trackSizes()) {
          out.line("STAT sizes_status enabled");
        } else {
          out.line("STAT sizes_status error");
          out.line("STAT sizes_error cas_support_disabled");
        }
        out.line("END");
        return;
      case "sizes_disable":
        engine.stopTrackingSizes();
        out.line("STAT sizes_status disabled");
        out.line("END");
        return;
      case "conns":
        statLines(context.connectionStats(), out);
        return;
      case "cachedump":
        cachedump(tokens, out);
        return;
      case "detail":
        detail(tokens.size() > 2 ? tokens.get(2) : "", out);
        return;
      case "extstore":
        // memcached without external storage configured: no stats to list
        out.line("END");
        return;
      default:
        out.line("ERROR");
    }
  }

  /** {@code stats detail on|off|dump}: per-prefix counts of gets, hits, sets and deletes. */
  private void detail(String subcommand, ReplyOutput out) {
    PrefixStats prefixes = context.prefixStats();
    switch (subcommand) {
      case "on":
      case "off":
        prefixes.enable(subcommand.equals("on"));
        out.line("OK");
        return;
      case "dump":
        for (String line : prefixes.dump()) {
          out.line(line);
        }
        out.line("END");
        return;
      default:
        out.line("CLIENT_ERROR usage: stats detail on|off|dump");
    }
  }

  /** memcached's {@code stats cachedump <class> <limit>}, with its 2 MB bound on the reply. */
  private void cachedump(List<String> tokens, ReplyOutput out) {
    if (tokens.size() < 4) {
      out.line("CLIENT_ERROR bad command line");
      return;
    }
    Long slabClass = parseUnsigned32(tokens.get(2));
    Long limit = parseUnsigned32(tokens.get(3));
    if (slabClass == null || limit == null) {
      out.line(TextDecoder.BAD_FORMAT);
      return;
    }
    if (slabClass > SlabEngine.MAX_SLAB_CLASS_ID) {
      out.line("CLIENT_ERROR Illegal slab id");
      return;
    }
    long written = 0;
    int most = (int) Math.min(limit, Integer.MAX_VALUE);
    for (ItemView item : engine.cachedump(slabClass.intValue(), most)) {
      String size = " [" + item.valueLength() + " b; " + item.expiresAt() + " s]";
      written += "ITEM ".length() + item.key().length + size.length() + 2;
      // memcached keeps room for END\r\n and the NUL its buffer ends with
      if (written + "END\r\n".length() + 1 > CACHEDUMP_BYTES) {
        break;
      }
      out.ascii("ITEM ").bytes(item.key()).line(size);
      out.spillIfLarge();
    }
    out.line("END");
  }

  private static void statLines(Map<String, String> stats, ReplyOutput out) {
    for (Map.Entry<String, String> stat : stats.entrySet()) {
      out.ascii("STAT ").ascii(stat.getKey()).space().ascii(stat.getValue()).crlf();
      out.spillIfLarge();
    }
    out.line("END");
  }

  private Outcome shutdown(List<String> tokens, int ntokens, ReplyOutput out) {
    if (!context.shutdownEnabled()) {
      out.line("ERROR: shutdown not enabled");
      return Outcome.CONTINUE;
    }
    boolean graceful = ntokens == 3 && tokens.get(1).equals("graceful");
    if (ntokens != 2 && !graceful) {
      out.line("CLIENT_ERROR invalid shutdown mode");
      return Outcome.CONTINUE;
    }
    context.requestShutdown();
    return Outcome.CLOSE;
  }

  /** The kinds the last accepted {@code watch} line asked for, as bits. */
  private int watchKinds;

  int watchKinds() {
    return watchKinds;
  }

  private Outcome watch(List<String> tokens, ReplyOutput out) {
    int kinds = 0;
    if (tokens.size() == 1) {
      kinds = Watchers.bit(Watchers.Kind.FETCHERS);
    }
    for (String name : tokens.subList(1, tokens.size())) {
      Watchers.Kind kind = Watchers.kind(name);
      if (kind == null) {
        // rawcmds, sysevents and the proxy's streams are not offered
        out.line("ERROR");
        return Outcome.CONTINUE;
      }
      kinds |= Watchers.bit(kind);
    }
    watchKinds = kinds;
    out.line("OK");
    return Outcome.WATCH;
  }

  private String flushAll(List<String> tokens, int ntokens, boolean noreply) {
    long delay = 0;
    if (ntokens != (noreply ? 3 : 2)) {
      Long parsed = parseInt32(tokens.get(1));
      if (parsed == null) {
        return "CLIENT_ERROR invalid exptime argument";
      }
      delay = parsed;
    }
    engine.flushAll(Math.max(0, delay));
    return "OK";
  }

  private String verbosity(List<String> tokens) {
    Long level = parseUnsigned(tokens.get(1));
    if (level == null || level > 0xFFFF_FFFFL) {
      return TextDecoder.BAD_FORMAT;
    }
    context.verbosity((int) Math.min(level, 2));
    return "OK";
  }

  private String memlimit(List<String> tokens) {
    // memcached reads it as a 64-bit unsigned number
    Long megabytes = parseUnsigned64(tokens.get(1));
    if (megabytes == null) {
      return "ERROR";
    }
    if (megabytes < MIN_MEMLIMIT_MEGABYTES && megabytes >= 0) {
      return "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m";
    }
    if (Long.compareUnsigned(megabytes, MAX_MEMLIMIT_MEGABYTES) > 0) {
      return "MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes";
    }
    return engine.memoryLimit(megabytes * EngineConfig.MIB)
        ? "OK"
        : "MEMLIMIT_ADJUST_FAILED out of bounds or unable to adjust";
  }

  private Outcome slabs(List<String> tokens, int ntokens, ReplyOutput out) {
    if (ntokens == 5 && tokens.get(1).equals("reassign")) {
      Long source = parseInt32(tokens.get(2));
      Long destination = parseInt32(tokens.get(3));
      if (source == null || destination == null) {
        out.line(TextDecoder.BAD_FORMAT);
        return Outcome.CONTINUE;
      }
      switch (engine.reassign(source.intValue(), destination.intValue())) {
        case OK:
          out.line("OK");
          break;
        case BUSY:
          out.line("BUSY currently processing reassign request");
          break;
        case BADCLASS:
          out.line("BADCLASS invalid src or dst class id");
          break;
        case NOSPARE:
          out.line("NOSPARE source class has no spare pages");
          break;
        case NOTSAME:
          out.line("SAME src and dst class are identical");
          break;
        default:
          out.line("CLIENT_ERROR slab reassignment disabled");
      }
      return Outcome.CONTINUE;
    }
    if (ntokens >= 4 && tokens.get(1).equals("automove")) {
      boolean noreply = tokens.get(tokens.size() - 1).equals("noreply");
      String reply;
      Long level = parseUnsigned(tokens.get(2));
      if (level == null) {
        reply = TextDecoder.BAD_FORMAT;
      } else if (level > 2 || !engine.automove(level.intValue())) {
        reply = "ERROR";
      } else {
        reply = "OK";
      }
      if (!noreply) {
        out.line(reply);
      }
      return Outcome.CONTINUE;
    }
    out.line("ERROR");
    return Outcome.CONTINUE;
  }

  private void lruCrawler(List<String> tokens, int ntokens, ReplyOutput out) {
    String sub = tokens.size() > 1 ? tokens.get(1) : "";
    if (ntokens == 4 && (sub.equals("crawl") || sub.equals("metadump"))) {
      if (!engine.crawlerEnabled()) {
        out.line("CLIENT_ERROR lru crawler disabled");
        return;
      }
      List<Integer> classes = classes(tokens.get(2), sub.equals("metadump"));
      if (classes == null) {
        out.line("BADCLASS invalid class id");
      } else if (sub.equals("crawl")) {
        out.line(crawl(classes));
      } else {
        for (int slabClass : classes) {
          engine.scan(slabClass, null, item -> metadumpLine(item, out));
        }
        out.line("END");
      }
      return;
    }
    if (ntokens == 4 && sub.equals("tocrawl")) {
      Long items = parseUnsigned32(tokens.get(2));
      if (items == null) {
        out.line(TextDecoder.BAD_FORMAT);
        return;
      }
      engine.crawlerToCrawl(items);
      out.line("OK");
      return;
    }
    if (ntokens == 4 && sub.equals("sleep")) {
      Long micros = parseUnsigned32(tokens.get(2));
      if (micros == null) {
        out.line(TextDecoder.BAD_FORMAT);
      } else if (!engine.crawlerSleepMicros((int) Math.min(micros, Integer.MAX_VALUE))) {
        out.line("CLIENT_ERROR sleep must be one second or less");
      } else {
        out.line("OK");
      }
      return;
    }
    if (ntokens == 3 && sub.equals("enable")) {
      // as memcached: enabling a running crawler is an error, disabling a stopped one is not
      out.line(engine.enableCrawler() ? "OK" : "ERROR failed to start lru crawler thread");
      return;
    }
    if (ntokens == 3 && sub.equals("disable")) {
      engine.disableCrawler();
      out.line("OK");
      return;
    }
    out.line("ERROR");
  }

  private String crawl(List<Integer> classes) {
    CrawlStatus status =
        classes.contains(0)
            ? engine.crawl()
            : engine.crawl(classes.stream().mapToInt(Integer::intValue).toArray());
    switch (status) {
      case OK:
        return "OK";
      case BUSY:
        return "BUSY currently processing crawler request";
      case BAD_CLASS:
        return "BADCLASS invalid class id";
      default:
        return "CLIENT_ERROR lru crawler disabled";
    }
  }

  /** The classes named by "all", "hash" (metadump only) or "1,3,10"; null if one is invalid. */
  private static List<Integer> classes(String spec, boolean hashAllowed) {
    List<Integer> classes = new ArrayList<>();
    if (spec.equals("all") || (hashAllowed && spec.equals("hash"))) {
      classes.add(0);
      return classes;
    }
    for (String part : spec.split(",", -1)) {
      Long id = parseUnsigned(part);
      if (id == null || id < 1 || id > SlabEngine.MAX_SLAB_CLASS_ID) {
        return null;
      }
      classes.add(id.intValue());
    }
    return classes;
  }

  private static void metadumpLine(ItemView item, ReplyOutput out) {
    out.ascii("key=").ascii(Watchers.uriEncode(item.key()));
    out.ascii(" exp=").decimal(item.expiresAt() == 0 ? -1 : item.expiresAt());
    out.ascii(" la=").decimal(item.lastAccess());
    out.ascii(" cas=").unsignedDecimal(item.cas());
    out.ascii(item.fetchedBefore() ? " fetch=yes" : " fetch=no");
    out.ascii(" cls=").decimal(item.slabClass());
    out.ascii(" size=").decimal(item.size());
    out.ascii(" flags=").unsignedDecimal(Integer.toUnsignedLong(item.flags()));
    out.writeByte('\n'); // memcached ends these lines without a carriage return
    out.spillIfLarge();
  }

  /** memcached's {@code lru tune|mode|temp_ttl}; mode and temp_ttl need the maintainer thread. */
  private String lru(List<String> tokens, int ntokens) {
    String sub = tokens.get(1);
    boolean maintained = engine.config().lruMaintainer();
    if (sub.equals("tune") && ntokens >= 7) {
      Long hot = parseUnsigned32(tokens.get(2));
      Long warm = parseUnsigned32(tokens.get(3));
      Double hotFactor = parseDouble(tokens.get(4));
      Double warmFactor = parseDouble(tokens.get(5));
      if (hot == null || warm == null || hotFactor == null || warmFactor == null) {
        return "ERROR";
      }
      if (hot + warm > LruTuning.MAX_HOT_AND_WARM_PERCENT) {
        return "ERROR hot and warm pcts must not exceed " + LruTuning.MAX_HOT_AND_WARM_PERCENT;
      }
      LruTuning tuning = new LruTuning(hot.intValue(), warm.intValue(), hotFactor, warmFactor);
      if (!tuning.factorsPositive()) {
        return "ERROR hot/warm age factors must be greater than 0";
      }
      engine.tuneLru(tuning);
      return "OK";
    }
    if (sub.equals("mode") && ntokens >= 4 && maintained) {
      switch (tokens.get(2)) {
        case "flat":
          engine.lruSegmented(false);
          return "OK";
        case "segmented":
          engine.lruSegmented(true);
          return "OK";
        default:
          return "ERROR";
      }
    }
    if (sub.equals("temp_ttl") && ntokens >= 4 && maintained) {
      Long ttl = parseInt32(tokens.get(2));
      if (ttl == null) {
        return "ERROR";
      }
      engine.temporaryTtl(ttl.intValue());
      return "OK";
    }
    return "ERROR";
  }

  /** A decimal number as C's strtod takes it (no hex, inf or nan), or null. */
  private static Double parseDouble(String token) {
    if (!DECIMAL.matcher(token).matches()) {
      return null;
    }
    return Double.parseDouble(token);
  }

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static Long parseUnsigned32(String token) {
    Long value = parseUnsigned(token);
    return value == null || value > 0xFFFF_FFFFL ? null : value;
  }

  /** A 64-bit unsigned number, in a long (negative above Long.MAX_VALUE); null if it is none. */
  private static Long parseUnsigned64(String token) {
    if (token.isEmpty()
        || token.length() > 20
        || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(token);
    } catch (NumberFormatException e) {
      return null; // above 2^64 - 1
    }
  }

  /**
   * A decimal number of up to 19 digits; a leading '+' is taken, as memcached's strtoul takes it.
   */
  private static Long parseUnsigned(String token) {
    if (token.startsWith("+")) {
      token = token.substring(1);
    }
    if (token.isEmpty() || token.length() > 19) {
      return null;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(token);
  }

  private static Long parseInt32(String token) {
    try {
      return (long) Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
