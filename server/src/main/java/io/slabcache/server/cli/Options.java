package io.slabcache.server.cli;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.LruTuning;
import io.slabcache.server.net.PasswordFile;
import io.slabcache.server.net.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * memcached's command-line flags, parsed the way memcached takes them: short flags that may be
 * joined to their value ({@code -p11211}) or to each other ({@code -vv}), long flags with {@code
 * =value} or a separate value, and {@code -o} sub-options separated by commas.
 */
final class Options {

  boolean help;
  boolean version;
  final EngineConfig.Builder engine = EngineConfig.builder();
  final ServerSettings.Builder server = ServerSettings.builder();
  private int verbosity;
  private boolean saslEnabled;
  private Path usersFile;
  private boolean temporaryTtlGiven;
  private boolean listenGiven;
  private String bindingProtocol;
  private boolean noModern;
  private boolean slabChunkMaxGiven;
  private Integer listenPort;
  private boolean maintainerOff;

  static final String USAGE =
      String.join(
          "\n",
          "Usage: slabcache-server [options]",
          "A memcached 1.6-compatible server. Options, as memcached's:",
          "-p, --port=<num>          TCP port to listen on (default: 11211)",
          "-U, --udp-port=<num>      UDP port; only 0 (off) is supported (default: 0)",
          "-l, --listen=<addr>       interface to listen on (default: all); <addr> may be",
          "                          host:port or [v6]:port, whose port wins over -p",
          "-u, --user=<user>         accepted for memcached's command lines; the server runs as",
          "                          the user that started it",
          "-c, --conn-limit=<num>    max simultaneous connections (default: 1024)",
          "-t, --threads=<num>       number of threads to use (default: 4)",
          "-m, --memory-limit=<mb>   item memory in megabytes (default: 64, max: 32767)",
          "-M, --disable-evictions   return error on memory exhausted instead of evicting",
          "-C, --disable-cas         disable use of CAS",
          "-I, --max-item-size=<num> adjusts max item size (default: 1m, min: 1k, max: 1024m)",
          "-f, --slab-growth-factor=<num> chunk size growth factor (default: 1.25)",
          "-n, --slab-min-size=<bytes> min space used for key+value+flags (default: 48)",
          "-L, --enable-largepages   preallocate all item memory at start",
          "-A, --enable-shutdown     enable ascii \"shutdown\" command",
          "-S, --enable-sasl         require authentication (binary SASL PLAIN, ascii auth)",
          "-Y, --auth-file=<file>    users for -S, one user:password per line; without -S,",
          "                          text protocol authentication only (as -B ascii)",
          "                          (default: the file named by MEMCACHED_SASL_PWDB)",
          "-B, --protocol=<name>     protocol: auto, ascii or binary (default: auto)",
          "-R, --max-reqs-per-event=<num> requests served per connection before the others of",
          "                          its thread get their turn (default: 20)",
          "-D <char>                 key prefix delimiter for stats detail (default: ':');",
          "                          turns on per-prefix statistics from the start",
          "-v, --verbose             verbose (print errors/warnings while in event loop)",
          "-vv                       very verbose (also print client commands/responses)",
          "-h, --help                print this help and exit",
          "-V, --version             print version and exit",
          "-o, --extended            comma separated list of extended options:",
          "   - slab_reassign / no_slab_reassign: allow slab pages to move between classes",
          "   - slab_automove=<0|1|2>: background page moves (default: 1); no_slab_automove: 0",
          "   - slab_chunk_max=<bytes>: largest chunk; larger items are chained (default: 512k)",
          "   - lru_maintainer / no_lru_maintainer: segmented LRU background thread (without",
          "     it the LRU is flat)",
          "   - lru_crawler / no_lru_crawler: background reclaim of expired items",
          "   - lru_crawler_sleep=<usec>: crawler pause per 1000 items checked (default: 100)",
          "   - lru_crawler_tocrawl=<num>: most items crawled per LRU per run (default: 0, all)",
          "   - track_sizes: count items by size for stats sizes from the start",
          "   - hashpower=<num>: initial hash table size as a power of two (default: 16)",
          "   - idle_timeout=<secs>: close connections idle this long (default: 0, never)",
          "   - hot_lru_pct=<num>, warm_lru_pct=<num>: LRU segment sizes (default: 20, 40)",
          "   - hot_max_factor=<num>, warm_max_factor=<num>: LRU age factors (default: 0.2, 2.0)",
          "   - temp_lru, temporary_ttl=<secs>: TEMP LRU for short TTLs (default: off, 61);",
          "     temporary_ttl turns it on",
          "   - modern: memcached's modern defaults (already the defaults here); no_modern:",
          "     no slab_reassign, slab_automove, lru_crawler or lru_maintainer, and",
          "     slab_chunk_max at the page size",
          "");

  static Options parse(String[] args) throws UsageException {
    Options options = new Options();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--")) {
        String name = arg.substring(2);
        String value = null;
        int equals = name.indexOf('=');
        if (equals >= 0) {
          value = name.substring(equals + 1);
          name = name.substring(0, equals);
        }
        char flag = longToShort(name);
        if (takesValue(flag) && value == null) {
          if (++i >= args.length) {
            throw new UsageException("option --" + name + " requires a value");
          }
          value = args[i];
        } else if (!takesValue(flag) && value != null) {
          throw new UsageException("option --" + name + " takes no value");
        }
        options.apply(flag, value);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        for (int j = 1; j < arg.length(); j++) {
          char flag = arg.charAt(j);
          if (takesValue(flag)) {
            String value = arg.substring(j + 1);
            if (value.isEmpty()) {
              if (++i >= args.length) {
                throw new UsageException("option -" + flag + " requires a value");
              }
              value = args[i];
            }
            options.apply(flag, value);
            break;
          }
          options.apply(flag, null);
        }
      } else {
        throw new UsageException("unexpected argument: " + arg);
      }
    }
    return options;
  }

  private static char longToShort(String name) throws UsageException {
    switch (name) {
      case "port":
        return 'p';
      case "udp-port":
        return 'U';
      case "listen":
        return 'l';
      case "user":
        return 'u';
      case "conn-limit":
        return 'c';
      case "threads":
        return 't';
      case "memory-limit":
        return 'm';
      case "disable-evictions":
        return 'M';
      case "disable-cas":
        return 'C';
      case "max-item-size":
        return 'I';
      case "slab-growth-factor":
        return 'f';
      case "slab-min-size":
        return 'n';
      case "enable-largepages":
        return 'L';
      case "enable-shutdown":
        return 'A';
      case "enable-sasl":
        return 'S';
      case "auth-file":
        return 'Y';
      case "protocol":
        return 'B';
      case "max-reqs-per-event":
        return 'R';
      case "prefix-delimiter":
        return 'D';
      case "verbose":
        return 'v';
      case "help":
        return 'h';
      case "version":
        return 'V';
      case "extended":
        return 'o';
      default:
        throw new UsageException("unknown option --" + name);
    }
  }

  private static boolean takesValue(char flag) {
    return "pUlctmIfnYBDRou".indexOf(flag) >= 0;
  }

  private void apply(char flag, String value) throws UsageException {
    switch (flag) {
      case 'p':
        server.port(intValue("-p", value, 0, 65535));
        break;
      case 'U':
        if (intValue("-U", value, 0, 65535) != 0) {
          throw new UsageException("UDP is not supported; -U accepts only 0");
        }
        break;
      case 'l':
        listen(value);
        break;
      case 'c':
        server.maxConnections(intValue("-c", value, 1, Integer.MAX_VALUE));
        break;
      case 't':
        server.threads(intValue("-t", value, 1, 1024));
        break;
      case 'm':
        engine.memoryLimitMegabytes(intValue("-m", value, 1, Integer.MAX_VALUE));
        break;
      case 'M':
        engine.evictions(false);
        break;
      case 'C':
        engine.casEnabled(false);
        break;
      case 'I':
        engine.itemSizeMax((int) size("-I", value));
        break;
      case 'f':
        engine.growthFactor(doubleValue("-f", value));
        break;
      case 'n':
        engine.minChunkData(intValue("-n", value, 1, Integer.MAX_VALUE));
        break;
      case 'L':
        engine.preallocate(true);
        break;
      case 'A':
        server.shutdownEnabled(true);
        break;
      case 'S':
        saslEnabled = true;
        break;
      case 'Y':
        usersFile = Path.of(value);
        break;
      case 'B':
        if (!value.equals("auto") && !value.equals("ascii") && !value.equals("binary")) {
          throw new UsageException(
              "Invalid value for binding protocol: "
                  + value
                  + "\n -- should be one of auto, binary, or ascii");
        }
        server.bindingProtocol(value);
        bindingProtocol = value;
        break;
      case 'R':
        server.requestsPerEvent(requestsPerEvent(value));
        break;
      case 'D':
        if (value.isEmpty()) {
          throw new UsageException("No delimiter specified");
        }
        server.prefixDelimiter(value.getBytes(StandardCharsets.UTF_8)[0]);
        break;
      case 'v':
        verbosity++;
        server.verbosity(verbosity);
        break;
      case 'h':
        help = true;
        break;
      case 'V':
        version = true;
        break;
      case 'u':
        // memcached drops root for this user; a JVM keeps the user it was started as
        break;
      case 'o':
        for (String option : value.split(",")) {
          extended(option.strip());
        }
        break;
      default:
        throw new UsageException("unknown or unsupported option -" + flag);
    }
  }

  /**
   * memcached's {@code -l}: an address, with a port of its own as {@code host:port} or {@code
   * [v6]:port} that wins over {@code -p}. memcached also listens on several (a comma list, or
   * {@code -l} again); this server listens on one, and says so rather than drop the others.
   */
  private void listen(String value) throws UsageException {
    if (listenGiven || value.contains(",")) {
      throw new UsageException("-l takes one address here: listening on several is not supported");
    }
    listenGiven = true;
    String host = value;
    String port = null;
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      String rest = end < 0 ? "" : value.substring(end + 1);
      if (end < 0 || !(rest.isEmpty() || rest.startsWith(":"))) {
        throw new UsageException("-l: cannot read the address " + value);
      }
      host = value.substring(1, end);
      port = rest.isEmpty() ? null : rest.substring(1);
    } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
      host = value.substring(0, value.indexOf(':'));
      port = value.substring(value.indexOf(':') + 1);
    }
    server.host(host);
    if (port != null) {
      listenPort = intValue("-l", port, 0, 65535);
    }
  }

  private void extended(String option) throws UsageException {
    String name = option;
    String value = null;
    int equals = option.indexOf('=');
    if (equals >= 0) {
      name = option.substring(0, equals);
      value = option.substring(equals + 1);
    }
    switch (name) {
      case "slab_reassign":
        engine.slabReassign(true);
        break;
      case "no_slab_reassign":
        engine.slabReassign(false);
        break;
      case "slab_automove":
        engine.slabAutomove(value == null ? 1 : intValue(name, value, 0, 2));
        break;
      case "no_slab_automove":
        engine.slabAutomove(0);
        break;
      case "slab_chunk_max":
        engine.slabChunkMax((int) size(name, value));
        slabChunkMaxGiven = true;
        break;
      case "lru_maintainer":
        engine.lruMaintainer(true).lruSegmented(true);
        maintainerOff = false;
        break;
      case "no_lru_maintainer":
        // without its maintainer memcached's LRU is flat
        engine.lruMaintainer(false).lruSegmented(false);
        maintainerOff = true;
        break;
      case "lru_crawler":
        engine.lruCrawler(true);
        break;
      case "track_sizes":
        engine.trackSizes(true);
        break;
      case "no_lru_crawler":
        engine.lruCrawler(false);
        break;
      case "lru_crawler_sleep":
        engine.lruCrawlerSleepMicros(
            intValue(name, value, 0, EngineConfig.MAX_LRU_CRAWLER_SLEEP_MICROS));
        break;
      case "lru_crawler_tocrawl":
        engine.lruCrawlerToCrawl(longValue(name, value, 0, EngineConfig.MAX_LRU_CRAWLER_TOCRAWL));
        break;
      case "hashpower":
        engine.hashPowerInit(
            intValue(name, value, EngineConfig.MIN_HASH_POWER, EngineConfig.MAX_HASH_POWER));
        break;
      case "idle_timeout":
        server.idleTimeoutSeconds(intValue(name, value, 0, Integer.MAX_VALUE));
        break;
      case "hot_lru_pct":
        engine.hotLruPercent(intValue(name, value, 1, LruTuning.MAX_HOT_AND_WARM_PERCENT - 1));
        break;
      case "warm_lru_pct":
        engine.warmLruPercent(intValue(name, value, 1, LruTuning.MAX_HOT_AND_WARM_PERCENT - 1));
        break;
      case "hot_max_factor":
        engine.hotMaxFactor(doubleValue(name, value));
        break;
      case "warm_max_factor":
        engine.warmMaxFactor(doubleValue(name, value));
        break;
      case "temp_lru":
        engine.tempLru(true);
        break;
      case "temporary_ttl":
        engine.tempLru(true).temporaryTtl(intValue(name, value, 0, Integer.MAX_VALUE));
        temporaryTtlGiven = true;
        break;
      case "modern":
        break;
      case "no_modern":
        // memcached's older defaults: no page moves, no background threads, one flat LRU, chunks
        // up to a page (a chunk max given before or after stays)
        engine.slabReassign(false).slabAutomove(0).lruCrawler(false);
        engine.lruMaintainer(false).lruSegmented(false);
        maintainerOff = true;
        noModern = true;
        break;
      default:
        throw new UsageException("Illegal suboption \"" + option + "\"");
    }
  }

  /** Checks the flags together and reads the users file. */
  void finish() throws UsageException {
    if (noModern && !slabChunkMaxGiven) {
      engine.slabChunkMax(EngineConfig.PAGE_SIZE);
    }
    if (listenPort != null) {
      server.port(listenPort);
    }
    if (temporaryTtlGiven && maintainerOff) {
      // memcached's words: TEMP items are only ever moved by the maintainer
      throw new UsageException("temporary_ttl requires lru_maintainer to be enabled");
    }
    if (saslEnabled) {
      Path file = usersFile;
      if (file == null && System.getenv("MEMCACHED_SASL_PWDB") != null) {
        file = Path.of(System.getenv("MEMCACHED_SASL_PWDB"));
      }
      if (file == null) {
        throw new UsageException("-S needs a users file: -Y <file> or MEMCACHED_SASL_PWDB");
      }
      server.users(readUsers(file)).usersFile(file.toString());
    } else if (usersFile != null) {
      // -Y alone is memcached's text protocol authentication, and the text protocol only
      if (bindingProtocol != null && !bindingProtocol.equals("ascii")) {
        throw new UsageException(
            "You cannot allow the BINARY protocol while using ascii authentication tokens.");
      }
      server.bindingProtocol("ascii");
      server.users(readUsers(usersFile)).usersFile(usersFile.toString());
    }
  }

  private static Map<String, String> readUsers(Path file) throws UsageException {
    try {
      return PasswordFile.read(file);
    } catch (IOException e) {
      throw new UsageException("cannot read users file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static int requestsPerEvent(String value) throws UsageException {
    int requests = intValue("-R", value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (requests < 1) {
      throw new UsageException("Number of requests per event must be greater than 0");
    }
    return requests;
  }

  private static int intValue(String flag, String value, int min, int max) throws UsageException {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new UsageException(flag + " must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException | NullPointerException e) {
      throw new UsageException(flag + " needs a number, not " + value);
    }
  }

  private static long longValue(String flag, String value, long min, long max)
      throws UsageException {
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        throw new UsageException(flag + " must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException | NullPointerException e) {
      throw new UsageException(flag + " needs a number, not " + value);
    }
  }

  private static double doubleValue(String flag, String value) throws UsageException {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException | NullPointerException e) {
      throw new UsageException(flag + " needs a number, not " + value);
    }
  }

  /** A size in bytes with an optional k or m suffix, as memcached's -I takes it. */
  private static long size(String flag, String value) throws UsageException {
    if (value == null || value.isEmpty()) {
      throw new UsageException(flag + " needs a size");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    long unit = 1;
    char last = lower.charAt(lower.length() - 1);
    if (last == 'k' || last == 'm') {
      unit = last == 'k' ? 1024 : 1024 * 1024;
      lower = lower.substring(0, lower.length() - 1);
    }
    try {
      long parsed = Long.parseLong(lower) * unit;
      if (parsed <= 0 || parsed > Integer.MAX_VALUE) {
        throw new UsageException(flag + " is out of range: " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs a size like 1m or 512k, not " + value);
    }
  }
}
