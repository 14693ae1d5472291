package io.slabcache.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.StoreStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * memcached's {@code watch}: connections that asked for a stream of log lines about what the server
 * does. Only what the server itself sees is offered (fetches, stores, deletions, connection
 * events); a watcher that cannot keep up loses lines rather than holding memory.
 */
public final class Watchers {

  /** What a watcher can ask for, as memcached names it. */
  public enum Kind {
    FETCHERS,
    MUTATIONS,
    DELETIONS,
    CONNEVENTS
  }

  private final Map<Channel, Integer> watchers = new ConcurrentHashMap<>();
  private final AtomicLong globalId = new AtomicLong();
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
      default:
        return null;
    }
  }

  public void add(Channel channel, int kinds) {
    watchers.put(channel, kinds);
    channel.closeFuture().addListener(f -> remove(channel));
    recompute();
  }

  private void remove(Channel channel) {
    watchers.remove(channel);
    recompute();
  }

  private void recompute() {
    int all = 0;
    for (int kinds : watchers.values()) {
      all |= kinds;
    }
    wanted = all;
  }

  /** Connections watching now. */
  public int count() {
    return watchers.size();
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
    long millis = System.currentTimeMillis();
    String text =
        "ts="
            + millis / 1000
            + "."
            + String.format("%06d", (millis % 1000) * 1000)
            + " gid="
            + globalId.incrementAndGet()
            + " "
            + line.get()
            + "\r\n";
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    for (Map.Entry<Channel, Integer> watcher : watchers.entrySet()) {
      Channel channel = watcher.getKey();
      if ((watcher.getValue() & bit(kind)) != 0 && channel.isWritable()) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        channel.writeAndFlush(buf, channel.voidPromise());
      }
    }
  }

  /** A fetch, for {@code watch fetchers}. */
  public void fetched(byte[] key, ItemView item) {
    if (watching(Kind.FETCHERS)) {
      publish(
          Kind.FETCHERS,
          () ->
              "type=item_get key="
                  + uriEncode(key)
                  + (item == null
                      ? " status=not_found"
                      : " status=found clsid=" + item.slabClass() + " size=" + item.size()));
    }
  }

  /** A store attempt, for {@code watch mutations}. */
  public void stored(String command, byte[] key, StoreStatus status, long exptime) {
    if (watching(Kind.MUTATIONS)) {
      publish(
          Kind.MUTATIONS,
          () ->
              "type=item_store key="
                  + uriEncode(key)
                  + " status="
                  + status.name().toLowerCase(java.util.Locale.ROOT)
                  + " cmd="
                  + command
                  + " ttl="
                  + exptime);
    }
  }

  /** A successful delete, for {@code watch deletions}. */
  public void deleted(String command, byte[] key) {
    if (watching(Kind.DELETIONS)) {
      publish(Kind.DELETIONS, () -> "type=deleted key=" + uriEncode(key) + " cmd=" + command);
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
