package io.slabcache.server.net;

import static io.slabcache.server.net.BinaryPackets.read;
import static io.slabcache.server.net.BinaryPackets.request;
import static io.slabcache.server.net.BinaryPackets.setExtras;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lines of {@code watch fetchers mutations deletions}, field for field as memcached writes
 * them, for what text, meta and binary clients do.
 */
class WatchLinesTest {

  private static final Pattern PREFIX = Pattern.compile("ts=\\d+\\.\\d+ gid=\\d+ (.*)");
  private static final Pattern CFD = Pattern.compile(".* cfd=(\\d+)");

  /** Without the LRU maintainer and crawler, only commands find expired items. */
  private final ServerFixture fixture =
      new ServerFixture(s -> s, c -> c.lruMaintainer(false).lruCrawler(false));

  private final RawClient watcher = fixture.connect();
  private int cfd;

  @AfterEach
  void stop() {
    watcher.close();
    fixture.close();
  }

  private void watch() {
    assertThat(watcher.exchange("watch fetchers mutations deletions connevents\r\n", 1))
        .isEqualTo("OK\r\n");
  }

  /** A new client, whose connection number (cfd) the watcher learns from its conn_new line. */
  private RawClient connectWatched() {
    RawClient client = fixture.connect();
    String line = next();
    assertThat(line).startsWith("type=conn_new rip=127.0.0.1 ");
    Matcher cfd = CFD.matcher(line);
    assertThat(cfd.matches()).isTrue();
    this.cfd = Integer.parseInt(cfd.group(1));
    return client;
  }

  /** The next log line without its timestamp and id, which it must have. */
  private String next() {
    String line = watcher.logLine();
    Matcher matcher = PREFIX.matcher(line);
    assertThat(matcher.matches()).as(line).isTrue();
    return matcher.group(1);
  }

  private String get(String key, String status, int clsid, int size) {
    return "type=item_get key="
        + key
        + " status="
        + status
        + " clsid="
        + clsid
        + " cfd="
        + cfd
        + " size="
        + size;
  }

  private String store(String key, String status, String cmd, long ttl, int clsid, int size) {
    return "type=item_store key="
        + key
        + " status="
        + status
        + " cmd="
        + cmd
        + " ttl="
        + ttl
        + " clsid="
        + clsid
        + " cfd="
        + cfd
        + " size="
        + size;
  }

  @Test
  void textCommands() {
    watch();
    try (RawClient client = connectWatched()) {
      assertThat(client.exchange("set k 0 100 5\r\nhello\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next()).isEqualTo(store("k", "stored", "set", 100, 1, 5));

      assertThat(client.exchange("add k 0 0 1\r\nx\r\n", 1)).isEqualTo("NOT_STORED\r\n");
      assertThat(next()).isEqualTo(store("k", "not_stored", "add", 0, 1, 1));

      assertThat(client.exchange("add a%b 0 30 2\r\nab\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next()).isEqualTo(store("a%25b", "stored", "add", 30, 1, 2));

      client.send("get k nope\r\n");
      assertThat(client.lines(3)).isEqualTo("VALUE k 0 5\r\nhello\r\nEND\r\n");
      assertThat(next()).isEqualTo(get("k", "found", 1, 5));
      assertThat(next()).isEqualTo(get("nope", "not_found", 0, 0));

      String gets = client.exchange("gets k\r\n", 3);
      long cas = Long.parseLong(gets.substring("VALUE k 0 5 ".length(), gets.indexOf("\r\n")));
      assertThat(next()).isEqualTo(get("k", "found", 1, 5));

      assertThat(client.exchange("cas k 0 0 3 " + (cas + 1) + "\r\nabc\r\n", 1))
          .isEqualTo("EXISTS\r\n");
      assertThat(next()).isEqualTo(store("k", "exists", "cas", 0, 1, 3));
      assertThat(client.exchange("cas k 7 0 3 " + cas + "\r\nabc\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next()).isEqualTo(store("k", "stored", "cas", 0, 1, 3));
      assertThat(client.exchange("cas nope 0 0 3 0\r\nabc\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next()).isEqualTo(store("nope", "not_found", "cas", 0, 1, 3));

      assertThat(client.exchange("append k 0 0 2\r\nde\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next()).isEqualTo(store("k", "stored", "append", 0, 1, 5));

      assertThat(client.exchange("gat 60 k\r\n", 3)).startsWith("VALUE k 7 5\r\n");
      assertThat(next()).isEqualTo(get("k", "found", 1, 5));
      assertThat(client.exchange("touch k 70\r\ntouch nope 70\r\n", 2))
          .isEqualTo("TOUCHED\r\nNOT_FOUND\r\n");
      assertThat(next()).isEqualTo(get("k", "found", 1, 5));
      assertThat(next()).isEqualTo(get("nope", "not_found", 0, 0));

      assertThat(client.exchange("delete k\r\n", 1)).isEqualTo("DELETED\r\n");
      assertThat(next()).isEqualTo("type=deleted key=k cmd=delete clsid=1 size=5");
      assertThat(client.exchange("delete k\r\n", 1)).isEqualTo("NOT_FOUND\r\n");

      assertThat(client.exchange("get k\r\n", 1)).isEqualTo("END\r\n");
      assertThat(next()).isEqualTo(get("k", "not_found", 0, 0));

      // refused before any item is built: memcached logs no class, ttl or size
      int tooLarge = 2 * 1024 * 1024;
      client.send("cas k 0 0 " + tooLarge + " 1\r\n" + "x".repeat(tooLarge) + "\r\n");
      assertThat(client.line()).isEqualTo("SERVER_ERROR object too large for cache");
      assertThat(next()).isEqualTo(store("k", "too_large", "cas", 0, 0, 0));
      client.send("ms k " + tooLarge + " ME\r\n" + "x".repeat(tooLarge) + "\r\n");
      assertThat(client.line()).isEqualTo("SERVER_ERROR object too large for cache");
      assertThat(next()).isEqualTo(store("k", "too_large", "add", 0, 0, 0));
    }
  }

  @Test
  void expiredAndFlushedItemsAreNamedSo() {
    watch();
    try (RawClient client = connectWatched()) {
      client.exchange("set short 0 5 1\r\na\r\nset long 0 0 1\r\nb\r\n", 2);
      next();
      next();
      fixture.clock.advanceSeconds(10);

      assertThat(client.exchange("get short\r\n", 1)).isEqualTo("END\r\n");
      assertThat(next()).isEqualTo(get("short", "expired", 0, 0));
      assertThat(client.exchange("flush_all\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(client.exchange("mg long v\r\n", 1)).isEqualTo("EN\r\n");
      assertThat(next()).isEqualTo(get("long", "flushed", 0, 0));
    }
  }

  @Test
  void metaCommands() {
    watch();
    try (RawClient client = connectWatched()) {
      assertThat(client.exchange("ms m 3 T50\r\nabc\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next()).isEqualTo(store("m", "stored", "set", 50, 1, 3));
      assertThat(client.exchange("ms m 2 MA\r\nde\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next()).isEqualTo(store("m", "stored", "append", 50, 1, 5));
      assertThat(client.exchange("ms m 1 ME\r\nx\r\n", 1)).isEqualTo("NS\r\n");
      assertThat(next()).isEqualTo(store("m", "not_stored", "add", 0, 1, 1));
      assertThat(client.exchange("ms m 1 C1\r\nx\r\n", 1)).isEqualTo("EX\r\n");
      assertThat(next()).isEqualTo(store("m", "exists", "cas", 0, 1, 1));
      assertThat(client.exchange("ms none 1 C0 T9\r\nx\r\n", 1)).isEqualTo("NF\r\n");
      assertThat(next()).isEqualTo(store("none", "not_found", "cas", 9, 1, 1));

      assertThat(client.exchange("mg m v s\r\n", 2)).isEqualTo("VA 5 s5\r\nabcde\r\n");
      assertThat(next()).isEqualTo(get("m", "found", 1, 5));
      assertThat(client.exchange("mg none v\r\n", 1)).isEqualTo("EN\r\n");
      assertThat(next()).isEqualTo(get("none", "not_found", 0, 0));
      assertThat(client.exchange("mg viv N30 s\r\n", 1)).isEqualTo("HD s0 W\r\n");
      assertThat(next()).isEqualTo(get("viv", "not_found", 0, 0));

      assertThat(client.exchange("me m\r\n", 1)).startsWith("ME m exp=50 ");
      assertThat(next()).isEqualTo(get("m", "found", 1, 5));

      assertThat(client.exchange("md m I\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(client.exchange("md m q\r\nmn\r\n", 1)).isEqualTo("MN\r\n");
      assertThat(next()).isEqualTo("type=deleted key=m cmd=md clsid=1 size=5");
      assertThat(client.exchange("md m\r\n", 1)).isEqualTo("NF\r\n");
      assertThat(watcher.silentFor(200)).isTrue();
    }
  }

  @Test
  void binaryCommands() {
    watch();
    try (RawClient client = connectWatched()) {
      byte[] value = "hello".getBytes(StandardCharsets.ISO_8859_1);
      client.send(request(0x01, "b", setExtras(0, 20), value, 0, 0));
      long cas = read(client).cas();
      assertThat(next()).isEqualTo(store("b", "stored", "set", 20, 1, 5));
      client.send(request(0x01, "b", setExtras(0, 0), value, cas + 1, 0));
      assertThat(read(client).status()).isEqualTo(0x02);
      assertThat(next()).isEqualTo(store("b", "exists", "cas", 0, 1, 5));
      client.send(request(0x02, "b", setExtras(0, 0), value, 0, 0));
      assertThat(read(client).status()).isEqualTo(0x02);
      assertThat(next()).isEqualTo(store("b", "not_stored", "add", 0, 1, 5));

      client.send(request(0x00, "b"));
      assertThat(read(client).text()).isEqualTo("hello");
      assertThat(next()).isEqualTo(get("b", "found", 1, 5));
      client.send(request(0x0C, "nope"));
      assertThat(read(client).status()).isEqualTo(0x01);
      assertThat(next()).isEqualTo(get("nope", "not_found", 0, 0));

      client.send(request(0x04, "b"));
      assertThat(read(client).status()).isZero();
      // memcached writes no deletion line for a binary delete
      client.send(request(0x00, "b"));
      assertThat(read(client).status()).isEqualTo(0x01);
      assertThat(next()).isEqualTo(get("b", "not_found", 0, 0));
    }
  }

  @Test
  void meCountsNoGet() {
    try (RawClient client = fixture.connect()) {
      client.exchange("set k 0 0 1\r\na\r\n", 1);
      assertThat(client.exchange("me k\r\n", 1)).startsWith("ME k ");
      assertThat(client.exchange("me nope\r\n", 1)).isEqualTo("EN\r\n");
      assertThat(client.exchange("cas k 0 0 1 0\r\nb\r\n", 1)).isEqualTo("EXISTS\r\n");
      client.send("stats\r\n");
      String stats = "";
      for (String line = client.line(); !line.equals("END"); line = client.line()) {
        stats += line + "\n";
      }
      assertThat(stats)
          .contains("STAT cmd_get 0\n", "STAT get_hits 0\n", "STAT get_misses 0\n")
          .contains("STAT cmd_meta 2\n");
    }
  }
}
