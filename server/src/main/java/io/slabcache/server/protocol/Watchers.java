package io.slabcache.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.slabcache.server.engine.ArithmeticResult;
import io.slabcache.server.engine.DeleteResult;
import io.slabcache.server.engine.EvictedItem;
import io.slabcache.server.engine.FetchStatus;
import io.slabcache.server.engine.StoreResult;
import io.slabcache.server.engine.StoreStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * memcached's {@code watch}: connections that asked for a stream of log lines about what the server
 * does (fetches, stores, deletions, evictions, connection events), in memcached's format: {@code
 * ts=<seconds>.<microseconds> gid=<n> type=...}, each line ended by a bare newline. A watcher that
 * cannot keep up loses lines rather than holding memory, and is told how many with a {@code
 * skipped=<n>} line once it catches up.
 */
public final class Watchers {

  /** What a watcher can ask for, as memcached names it. */
  public enum Kind {
    FETCHERS,
    MUTATIONS,
    DELETIONS,
    CONNEVENTS,
    EVICTIONS
  }

  /** One watching connection: the kinds it asked for and the lines it lost since its last one. */
  private static final class Watcher {
    final int kinds;
    final AtomicLong skipped = new AtomicLong();

    Watcher(int kinds) {
      this.kinds = kinds;
    }
  }

  private final Map<Channel, Watcher> watchers = new ConcurrentHashMap<>();
  private final AtomicLong globalId = new AtomicLong();
  private final LongAdder written = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private volatile int wanted;

  /** The kind named by a {@code watch} argument, or null if it cannot be watched here. */
  public static Kind kind(String name) {
    switch (name) {
      case "fetchers":
        return Kind.FETCHERS;
      case "mutations":
        return Kind.MUTATIONS;
      case "deletions":
        return Kind.DELETIONS;
      case "connevents":
        return Kind.CONNEVENTS;
      case "evictions":
        return Kind.EVICTIONS;
      default:
        return null;
    }
  }

  public void add(Channel channel, int kinds) {
    watchers.put(channel, new Watcher(kinds));
    channel.closeFuture().addListener(f -> remove(channel));
    recompute();
  }

  private void remove(Channel channel) {
    watchers.remove(channel);
    recompute();
  }

  private void recompute() {
    int all = 0;
    for (Watcher watcher : watchers.values()) {
      all |= watcher.kinds;
    }
    wanted = all;
  }

  /** Connections watching now. */
  public int count() {
    return watchers.size();
  }

  /** Lines made for at least one watcher ({@code log_worker_written}). */
  public long written() {
    return written.sum();
  }

  /** Lines written to watchers ({@code log_watcher_sent}). */
  public long sent() {
    return sent.sum();
  }

  /** Lines a watcher lost because it was not reading fast enough ({@code log_watcher_skipped}). */
  public long skipped() {
    return skipped.sum();
  }

  /** {@code stats reset}: zeroes the lines sent and skipped. */
  public void resetCounts() {
    written.reset();
    sent.reset();
    skipped.reset();
  }

  public static int bit(Kind kind) {
    return 1 << kind.ordinal();
  }

  /** Whether anyone watches this kind; cheap enough to ask on every command. */
  public boolean watching(Kind kind) {
    return (wanted & bit(kind)) != 0;
  }

  /** Sends the line made by {@code line} to the watchers of {@code kind}. */
  public void publish(Kind kind, Supplier<String> line) {
    if (!watching(kind)) {
      return;
    }
    Instant now = Instant.now();
    String text =
        "ts="
            + now.getEpochSecond()
            + "."
            + now.getNano() / 1000
            + " gid="
            + globalId.incrementAndGet()
            + " "
            + line.get()
            + "\n";
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    written.increment();
    for (Map.Entry<Channel, Watcher> entry : watchers.entrySet()) {
      Channel channel = entry.getKey();
      Watcher watcher = entry.getValue();
      if ((watcher.kinds & bit(kind)) == 0) {
        continue;
      }
      if (!channel.isWritable()) {
        watcher.skipped.incrementAndGet();
        skipped.increment();
        continue;
      }
      long lost = watcher.skipped.getAndSet(0);
      ByteBuf buf =
          lost == 0
              ? Unpooled.wrappedBuffer(bytes)
              : Unpooled.wrappedBuffer(
                  ("skipped=" + lost + "\n").getBytes(StandardCharsets.US_ASCII), bytes);
      channel.writeAndFlush(buf, channel.voidPromise());
      sent.increment();
    }
  }

  /** An eviction, for {@code watch evictions}. */
  public void evicted(EvictedItem item) {
    if (watching(Kind.EVICTIONS)) {
      publish(
          Kind.EVICTIONS,
          () ->
              "type=eviction key="
                  + uriEncode(item.key())
                  + " fetch="
                  + (item.fetched() ? "yes" : "no")
                  + " ttl="
                  + item.ttl()
                  + " la="
                  + item.secondsSinceAccess()
                  + " clsid="
                  + item.slabClass()
                  + " size="
                  + item.valueLength());
    }
  }

  /**
   * A lookup, for {@code watch fetchers}: what it found, and for a live item its slab class and
   * data length (memcached writes 0 for both otherwise).
   */
  public void fetched(
      byte[] key, FetchStatus status, int slabClass, int valueLength, int connectionId) {
    if (watching(Kind.FETCHERS)) {
      boolean found = status == FetchStatus.FOUND;
      publish(
          Kind.FETCHERS,
          () ->
              "type=item_get key="
                  + uriEncode(key)
                  + " status="
                  + status.name().toLowerCase(Locale.ROOT)
                  + " clsid="
                  + (found ? slabClass : 0)
                  + " cfd="
                  + connectionId
                  + " size="
                  + (found ? valueLength : 0));
    }
  }

  /**
   * A store attempt, with the lookup memcached makes in every store: {@code command} is memcached's
   * name for the store (set, add, replace, append, prepend or cas, whatever the protocol), and the
   * result describes the item the store built, stored or not, and what the lookup found. A store
   * that built its item looked the old one up first; one that could not build it is logged at once,
   * and any lookup it made afterwards was to drop the old value.
   */
  public void stored(String command, byte[] key, StoreResult result, int connectionId) {
    if (result.status() == StoreStatus.BAD_KEY) {
      return;
    }
    boolean lookupFirst = !result.unbuilt();
    if (lookupFirst) {
      storeLookup(key, result, connectionId);
    }
    storeLine(
        key,
        result.status(),
        command,
        result.ttl(),
        result.slabClass(),
        result.valueLength(),
        connectionId);
    if (!lookupFirst) {
      storeLookup(key, result, connectionId);
    }
  }

  private void storeLookup(byte[] key, StoreResult result, int connectionId) {
    if (result.lookup() != null) {
      fetched(
          key, result.lookup(), result.lookupSlabClass(), result.lookupValueLength(), connectionId);
    }
  }

  private void storeLine(
      byte[] key,
      StoreStatus status,
      String command,
      long ttl,
      int slabClass,
      int valueLength,
      int connectionId) {
    if (watching(Kind.MUTATIONS)) {
      publish(
          Kind.MUTATIONS,
          () ->
              "type=item_store key="
                  + uriEncode(key)
                  + " status="
                  + status.name().toLowerCase(Locale.ROOT)
                  + " cmd="
                  + command
                  + " ttl="
                  + storeTtl(ttl)
                  + " clsid="
                  + slabClass
                  + " cfd="
                  + connectionId
                  + " size="
                  + valueLength);
    }
  }

  /**
   * The ttl of a store's log line: memcached writes the item's exptime less the current time as an
   * unsigned 32-bit number, and 0 for an item that never expires.
   */
  static long storeTtl(long ttl) {
    return ttl == -1 ? 0 : ttl & 0xFFFF_FFFFL;
  }

  /**
   * The lookup of a delete, for {@code watch fetchers}, without a deletion line: memcached's binary
   * delete and meta delete with {@code I}, and the lookup that drops the old value of a store that
   * could not be done.
   */
  public void lookedUp(byte[] key, DeleteResult result, int connectionId) {
    if (result.lookup() != null) {
      fetched(key, result.lookup(), result.slabClass(), result.valueLength(), connectionId);
    }
  }

  /**
   * A delete ({@code delete} or {@code md}): its lookup for {@code watch fetchers}, then, if it
   * removed the item, a line for {@code watch deletions}.
   */
  public void deleted(String command, byte[] key, DeleteResult result, int connectionId) {
    lookedUp(key, result, connectionId);
    if (result.deleted() && watching(Kind.DELETIONS)) {
      publish(
          Kind.DELETIONS,
          () ->
              "type=deleted key="
                  + uriEncode(key)
                  + " cmd="
                  + command
                  + " clsid="
                  + result.slabClass()
                  + " size="
                  + result.valueLength());
    }
  }

  /**
   * An incr or decr: its lookup, for {@code watch fetchers}. One that created its counter on a miss
   * stored it as memcached does, through an add that looks the key up again: a second lookup, then
   * the add's line for {@code watch mutations}, with {@code createdTtl} as its ttl.
   */
  public void arithmetic(byte[] key, ArithmeticResult result, long createdTtl, int connectionId) {
    if (result.lookup() == null) {
      return;
    }
    fetched(key, result.lookup(), result.slabClass(), result.valueLength(), connectionId);
    if (result.created()) {
      fetched(key, FetchStatus.NOT_FOUND, 0, 0, connectionId);
      storeLine(
          key,
          StoreStatus.STORED,
          "add",
          createdTtl,
          result.slabClass(),
          result.valueLength(),
          connectionId);
    }
  }

  /** A key as memcached writes it in log lines: percent-encoded outside the unreserved set. */
  public static String uriEncode(byte[] key) {
    StringBuilder out = new StringBuilder(key.length);
    for (byte b : key) {
      int c = b & 0xFF;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
