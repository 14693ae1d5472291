package io.slabcache.server.net;

import static io.slabcache.server.net.BinaryPackets.arithmeticExtras;
import static io.slabcache.server.net.BinaryPackets.read;
import static io.slabcache.server.net.BinaryPackets.request;
import static io.slabcache.server.net.BinaryPackets.setExtras;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lines of {@code watch fetchers mutations deletions}, field for field and in the order
 * memcached writes them, for what text, meta and binary clients do. Like memcached, every lookup of
 * a key writes an item_get line: reads, but also the lookup inside each store, delete and
 * incr/decr.
 */
class WatchLinesTest {

  private static final Pattern PREFIX = Pattern.compile("ts=\\d+\\.\\d+ gid=\\d+ (.*)");
  private static final Pattern CFD = Pattern.compile(".* cfd=(\\d+)");
  private static final int NOOP = 0x0a;

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
    watch(watcher, "fetchers mutations deletions connevents");
  }

  private static void watch(RawClient watcher, String kinds) {
    assertThat(watcher.exchange("watch " + kinds + "\r\n", 1)).isEqualTo("OK\r\n");
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
    return next(watcher);
  }

  private static String next(RawClient watcher) {
    String line = watcher.logLine();
    Matcher matcher = PREFIX.matcher(line);
    assertThat(matcher.matches()).as(line).isTrue();
    return matcher.group(1);
  }

  /** The next {@code count} log lines, each without its timestamp and id. */
  private List<String> next(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(next());
    }
    return lines;
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

  private static String deleted(String key, String cmd, int clsid, int size) {
    return "type=deleted key=" + key + " cmd=" + cmd + " clsid=" + clsid + " size=" + size;
  }

  @Test
  void textStoresLogTheirLookupOfTheOldItemFirst() {
    watch();
    try (RawClient client = connectWatched()) {
      assertThat(client.exchange("set k 0 100 5\r\nhello\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "not_found", 0, 0), store("k", "stored", "set", 100, 1, 5));
      assertThat(client.exchange("set k 0 0 3\r\nabc\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "found", 1, 5), store("k", "stored", "set", 0, 1, 3));

      assertThat(client.exchange("add k 0 0 1\r\nx\r\n", 1)).isEqualTo("NOT_STORED\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "found", 1, 3), store("k", "not_stored", "add", 0, 1, 1));
      assertThat(client.exchange("add a%b 0 30 2\r\nab\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next(2))
          .containsExactly(
              get("a%25b", "not_found", 0, 0), store("a%25b", "stored", "add", 30, 1, 2));
      assertThat(client.exchange("replace r 0 0 1\r\nx\r\n", 1)).isEqualTo("NOT_STORED\r\n");
      assertThat(next(2))
          .containsExactly(
              get("r", "not_found", 0, 0), store("r", "not_stored", "replace", 0, 1, 1));
      assertThat(client.exchange("append k 0 0 2\r\nde\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "found", 1, 3), store("k", "stored", "append", 0, 1, 5));
      assertThat(client.exchange("prepend none 0 0 2\r\nde\r\n", 1)).isEqualTo("NOT_STORED\r\n");
      assertThat(next(2))
          .containsExactly(
              get("none", "not_found", 0, 0), store("none", "not_stored", "prepend", 0, 1, 2));

      String gets = client.exchange("gets k\r\n", 3);
      long cas = Long.parseLong(gets.substring("VALUE k 0 5 ".length(), gets.indexOf("\r\n")));
      assertThat(next()).isEqualTo(get("k", "found", 1, 5));
      assertThat(client.exchange("cas k 0 0 3 " + (cas + 1) + "\r\nabc\r\n", 1))
          .isEqualTo("EXISTS\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "found", 1, 5), store("k", "exists", "cas", 0, 1, 3));
      assertThat(client.exchange("cas k 0 0 3 0\r\nabc\r\n", 1)).isEqualTo("EXISTS\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "found", 1, 5), store("k", "exists", "cas", 0, 1, 3));
      assertThat(client.exchange("cas nope 0 0 3 5\r\nabc\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next(2))
          .containsExactly(
              get("nope", "not_found", 0, 0), store("nope", "not_found", "cas", 0, 1, 3));
      assertThat(client.exchange("cas k 7 0 3 " + cas + "\r\nabc\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "found", 1, 5), store("k", "stored", "cas", 0, 1, 3));

      assertThat(client.exchange("set k 0 0 1 noreply\r\nq\r\nmn\r\n", 1)).isEqualTo("MN\r\n");
      assertThat(next(2))
          .containsExactly(get("k", "found", 1, 3), store("k", "stored", "set", 0, 1, 1));
    }
  }

  @Test
  void textDeletesAndArithmeticLogTheirLookup() {
    watch();
    try (RawClient client = connectWatched()) {
      client.exchange("set k 0 0 5\r\nhello\r\nset n 0 0 2\r\n99\r\n", 2);
      next(4);

      assertThat(client.exchange("delete k\r\n", 1)).isEqualTo("DELETED\r\n");
      assertThat(next(2)).containsExactly(get("k", "found", 1, 5), deleted("k", "delete", 1, 5));
      assertThat(client.exchange("delete k\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next()).isEqualTo(get("k", "not_found", 0, 0));
      assertThat(client.exchange("delete k noreply\r\nmn\r\n", 1)).isEqualTo("MN\r\n");
      assertThat(next()).isEqualTo(get("k", "not_found", 0, 0));

      // the line describes the item as the lookup found it, before the incr grew it
      assertThat(client.exchange("incr n 1\r\n", 1)).isEqualTo("100\r\n");
      assertThat(next()).isEqualTo(get("n", "found", 1, 2));
      assertThat(client.exchange("decr n 1 noreply\r\nmn\r\n", 1)).isEqualTo("MN\r\n");
      assertThat(next()).isEqualTo(get("n", "found", 1, 3));
      assertThat(client.exchange("incr none 1\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next()).isEqualTo(get("none", "not_found", 0, 0));
      client.exchange("set s 0 0 2\r\nab\r\n", 1);
      next(2);
      assertThat(client.exchange("incr s 1\r\n", 1))
          .isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
      assertThat(next()).isEqualTo(get("s", "found", 1, 2));
    }
  }

  @Test
  void expiredAndFlushedItemsAreNamedSoByEveryLookup() {
    watch();
    try (RawClient client = connectWatched()) {
      for (String key : new String[] {"get", "set", "del", "incr", "md", "ma"}) {
        client.exchange("set " + key + " 0 5 1\r\n1\r\n", 1);
        next(2);
      }
      fixture.clock.advanceSeconds(10);

      assertThat(client.exchange("get get\r\n", 1)).isEqualTo("END\r\n");
      assertThat(next()).isEqualTo(get("get", "expired", 0, 0));
      assertThat(client.exchange("set set 0 0 1\r\nx\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next(2))
          .containsExactly(get("set", "expired", 0, 0), store("set", "stored", "set", 0, 1, 1));
      assertThat(client.exchange("delete del\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next()).isEqualTo(get("del", "expired", 0, 0));
      assertThat(client.exchange("incr incr 1\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next()).isEqualTo(get("incr", "expired", 0, 0));
      assertThat(client.exchange("md md\r\n", 1)).isEqualTo("NF\r\n");
      assertThat(next()).isEqualTo(get("md", "expired", 0, 0));
      assertThat(client.exchange("ma ma\r\n", 1)).isEqualTo("NF\r\n");
      assertThat(next()).isEqualTo(get("ma", "expired", 0, 0));

      for (String key : new String[] {"add", "del", "incr", "mg"}) {
        client.exchange("set " + key + " 0 0 1\r\n1\r\n", 1);
        next(2);
      }
      assertThat(client.exchange("flush_all\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(client.exchange("add add 0 0 1\r\nx\r\n", 1)).isEqualTo("STORED\r\n");
      assertThat(next(2))
          .containsExactly(get("add", "flushed", 0, 0), store("add", "stored", "add", 0, 1, 1));
      assertThat(client.exchange("delete del\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next()).isEqualTo(get("del", "flushed", 0, 0));
      assertThat(client.exchange("incr incr 1\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
      assertThat(next()).isEqualTo(get("incr", "flushed", 0, 0));
      assertThat(client.exchange("mg mg v\r\n", 1)).isEqualTo("EN\r\n");
      assertThat(next()).isEqualTo(get("mg", "flushed", 0, 0));
    }
  }

  @Test
  void storesTooLargeForAnyItemDropTheOldValueOfASetOnly() {
    watch();
    int tooLarge = 2 * 1024 * 1024;
    String data = "x".repeat(tooLarge) + "\r\n";
    try (RawClient client = connectWatched()) {
      client.exchange("set k 0 0 5\r\nhello\r\n", 1);
      next(2);

      // refused before any item is built: memcached logs no class, ttl or size; a cas keeps the
      // old value, so the next line is the get's
      client.send("cas k 0 0 " + tooLarge + " 1\r\n" + data);
      assertThat(client.line()).isEqualTo("SERVER_ERROR object too large for cache");
      assertThat(client.exchange("get k\r\n", 3)).startsWith("VALUE k 0 5\r\n");
      assertThat(next(2))
          .containsExactly(store("k", "too_large", "cas", 0, 0, 0), get("k", "found", 1, 5));

      // a set looks the old value up, after its line, to drop it
      client.send("set k 0 0 " + tooLarge + "\r\n" + data);
      assertThat(client.line()).isEqualTo("SERVER_ERROR object too large for cache");
      assertThat(next(2))
          .containsExactly(store("k", "too_large", "set", 0, 0, 0), get("k", "found", 1, 5));
      assertThat(client.exchange("get k\r\n", 1)).isEqualTo("END\r\n");
      assertThat(next()).isEqualTo(get("k", "not_found", 0, 0));

      // so does a meta set, whatever its mode
      client.exchange("set k 0 0 5\r\nhello\r\n", 1);
      next(2);
      client.send("ms k " + tooLarge + " ME\r\n" + data);
      assertThat(client.line()).isEqualTo("SERVER_ERROR object too large for cache");
      assertThat(next(2))
          .containsExactly(store("k", "too_large", "add", 0, 0, 0), get("k", "found", 1, 5));
      assertThat(client.exchange("mg k v\r\n", 1)).isEqualTo("EN\r\n");
      assertThat(next()).isEqualTo(get("k", "not_found", 0, 0));
    }
  }

  @Test
  void anAppendTooLargeForOneItemIsNotStored() {
    watch();
    int half = 600 * 1024;
    String data = "x".repeat(half) + "\r\n";
    try (RawClient client = connectWatched()) {
      client.exchange("set big 0 0 " + half + "\r\n" + data, 1);
      next(2);
      Matcher cls = Pattern.compile(" cls=(\\d+) ").matcher(client.exchange("me big\r\n", 1));
      assertThat(cls.find()).isTrue();
      int clsid = Integer.parseInt(cls.group(1));
      next();

      // memcached builds the appended data as an item of its own, then cannot join the two
      assertThat(client.exchange("append big 0 0 " + half + "\r\n" + data, 1))
          .isEqualTo("NOT_STORED\r\n");
      assertThat(next(2))
          .containsExactly(
              get("big", "found", clsid, half),
              store("big", "not_stored", "append", 0, clsid, half));
    }
  }

  @Test
  void metaCommands() {
    watch();
    try (RawClient client = connectWatched()) {
      assertThat(client.exchange("ms m 3 T50\r\nabc\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next(2))
          .containsExactly(get("m", "not_found", 0, 0), store("m", "stored", "set", 50, 1, 3));
      assertThat(client.exchange("ms m 2 MA\r\nde\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next(2))
          .containsExactly(get("m", "found", 1, 3), store("m", "stored", "append", 50, 1, 5));
      assertThat(client.exchange("ms m 1 ME q\r\nx\r\nmn\r\n", 2)).isEqualTo("NS\r\nMN\r\n");
      assertThat(next(2))
          .containsExactly(get("m", "found", 1, 5), store("m", "not_stored", "add", 0, 1, 1));
      assertThat(client.exchange("ms m 1 C1\r\nx\r\n", 1)).isEqualTo("EX\r\n");
      assertThat(next(2))
          .containsExactly(get("m", "found", 1, 5), store("m", "exists", "cas", 0, 1, 1));
      assertThat(client.exchange("ms none 1 C0 T9\r\nx\r\n", 1)).isEqualTo("NF\r\n");
      assertThat(next(2))
          .containsExactly(
              get("none", "not_found", 0, 0), store("none", "not_found", "cas", 9, 1, 1));

      assertThat(client.exchange("mg m v s\r\n", 2)).isEqualTo("VA 5 s5\r\nabcde\r\n");
      assertThat(next()).isEqualTo(get("m", "found", 1, 5));
      assertThat(client.exchange("mg none v\r\n", 1)).isEqualTo("EN\r\n");
      assertThat(next()).isEqualTo(get("none", "not_found", 0, 0));
      // mg links the item it vivifies itself, without a store
      assertThat(client.exchange("mg viv N30 s\r\n", 1)).isEqualTo("HD s0 W\r\n");
      assertThat(next()).isEqualTo(get("viv", "not_found", 0, 0));
      assertThat(client.exchange("me m\r\n", 1)).startsWith("ME m exp=-50 ");
      assertThat(next()).isEqualTo(get("m", "found", 1, 5));

      // a CAS of 0 matches nothing, but the key is looked up all the same
      assertThat(client.exchange("md m C0\r\n", 1)).isEqualTo("EX\r\n");
      assertThat(next()).isEqualTo(get("m", "found", 1, 5));
      // marking the item stale deletes nothing: only the lookup is logged
      assertThat(client.exchange("md m I\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next()).isEqualTo(get("m", "found", 1, 5));
      assertThat(client.exchange("md m q\r\nmn\r\n", 1)).isEqualTo("MN\r\n");
      assertThat(next(2)).containsExactly(get("m", "found", 1, 5), deleted("m", "md", 1, 5));
      assertThat(client.exchange("md m\r\n", 1)).isEqualTo("NF\r\n");
      assertThat(next()).isEqualTo(get("m", "not_found", 0, 0));
    }
  }

  @Test
  void metaArithmetic() {
    watch();
    try (RawClient client = connectWatched()) {
      client.exchange("ms n 2\r\n10\r\n", 1);
      next(2);

      assertThat(client.exchange("ma n\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next()).isEqualTo(get("n", "found", 1, 2));
      assertThat(client.exchange("ma n D100 v\r\n", 2)).isEqualTo("VA 3\r\n111\r\n");
      assertThat(next()).isEqualTo(get("n", "found", 1, 2));
      assertThat(client.exchange("ma n C0\r\n", 1)).isEqualTo("EX\r\n");
      assertThat(next()).isEqualTo(get("n", "found", 1, 3));
      assertThat(client.exchange("ma none\r\n", 1)).isEqualTo("NF\r\n");
      assertThat(next()).isEqualTo(get("none", "not_found", 0, 0));

      // a counter created on a miss is stored through an add, which looks the key up again;
      // it is built without an exptime, set once stored, so the add's line says ttl=0
      assertThat(client.exchange("ma viv N30 J7 v t\r\n", 2)).isEqualTo("VA 1 t30\r\n7\r\n");
      assertThat(next(3))
          .containsExactly(
              get("viv", "not_found", 0, 0),
              get("viv", "not_found", 0, 0),
              store("viv", "stored", "add", 0, 1, 1));
      assertThat(client.exchange("ma viv N30 v\r\n", 2)).isEqualTo("VA 1\r\n8\r\n");
      assertThat(next()).isEqualTo(get("viv", "found", 1, 1));
    }
  }

  @Test
  void aValueStoredStaleIsLoggedWithTheOldItemsTtl() {
    watch();
    try (RawClient client = connectWatched()) {
      client.exchange("ms s 1 T100\r\nx\r\n", 1);
      next(2);
      assertThat(client.exchange("md s I T30\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next()).isEqualTo(get("s", "found", 1, 1));
      assertThat(client.exchange("mg s c\r\n", 1)).matches("HD c\\d+ X W\r\n");
      assertThat(next()).isEqualTo(get("s", "found", 1, 1));

      // a CAS lower than the item's is accepted with I: the data is replaced, the ttl and the
      // token the last mg won are kept
      assertThat(client.exchange("ms s 2 I C1 T500\r\nxy\r\n", 1)).isEqualTo("HD\r\n");
      assertThat(next(2))
          .containsExactly(get("s", "found", 1, 1), store("s", "stored", "cas", 30, 1, 2));
      assertThat(client.exchange("mg s t\r\n", 1)).isEqualTo("HD t30 Z X\r\n");
      assertThat(next()).isEqualTo(get("s", "found", 1, 2));
    }
  }

  @Test
  void binaryCommands() {
    watch();
    try (RawClient client = connectWatched()) {
      byte[] value = "hello".getBytes(StandardCharsets.ISO_8859_1);
      client.send(request(0x01, "b", setExtras(0, 20), value, 0, 0));
      long cas = read(client).cas();
      assertThat(next(2))
          .containsExactly(get("b", "not_found", 0, 0), store("b", "stored", "set", 20, 1, 5));
      client.send(request(0x01, "b", setExtras(0, 0), value, cas + 1, 0));
      assertThat(read(client).status()).isEqualTo(0x02);
      assertThat(next(2))
          .containsExactly(get("b", "found", 1, 5), store("b", "exists", "cas", 0, 1, 5));
      client.send(request(0x12, "b", setExtras(0, 0), value, 0, 0));
      client.send(request(NOOP, ""));
      assertThat(read(client).status()).isEqualTo(0x02);
      assertThat(read(client).opcode()).isEqualTo(NOOP);
      assertThat(next(2))
          .containsExactly(get("b", "found", 1, 5), store("b", "not_stored", "add", 0, 1, 5));
      client.send(request(0x0e, "b", new byte[0], "!".getBytes(StandardCharsets.ISO_8859_1), 0, 0));
      assertThat(read(client).status()).isZero();
      assertThat(next(2))
          .containsExactly(get("b", "found", 1, 5), store("b", "stored", "append", 20, 1, 6));

      client.send(request(0x00, "b"));
      assertThat(read(client).text()).isEqualTo("hello!");
      assertThat(next()).isEqualTo(get("b", "found", 1, 6));
      client.send(request(0x0C, "nope"));
      assertThat(read(client).status()).isEqualTo(0x01);
      assertThat(next()).isEqualTo(get("nope", "not_found", 0, 0));
    }
  }

  @Test
  void binaryDeletesLogTheirLookupButNoDeletionLine() {
    watch();
    try (RawClient client = connectWatched()) {
      byte[] value = "hello".getBytes(StandardCharsets.ISO_8859_1);
      client.send(request(0x01, "b", setExtras(0, 0), value, 0, 0));
      long cas = read(client).cas();
      next(2);

      client.send(request(0x04, "b", new byte[0], new byte[0], cas + 1, 0));
      assertThat(read(client).status()).isEqualTo(0x02);
      assertThat(next()).isEqualTo(get("b", "found", 1, 5));
      client.send(request(0x04, "b"));
      assertThat(read(client).status()).isZero();
      assertThat(next()).isEqualTo(get("b", "found", 1, 5));
      // the quiet delete's miss is the next line: no deletion line came before it
      client.send(request(0x14, "b"));
      assertThat(read(client).status()).isEqualTo(0x01);
      assertThat(next()).isEqualTo(get("b", "not_found", 0, 0));
    }
  }

  @Test
  void binaryArithmeticAndSetsTooLarge() {
    watch();
    try (RawClient client = connectWatched()) {
      // an incr that creates its counter stores it through an add, with the exptime it was given
      client.send(request(0x05, "c", arithmeticExtras(1, 42, 60), new byte[0], 0, 0));
      assertThat(read(client).number()).isEqualTo(42);
      assertThat(next(3))
          .containsExactly(
              get("c", "not_found", 0, 0),
              get("c", "not_found", 0, 0),
              store("c", "stored", "add", 60, 1, 2));
      client.send(request(0x15, "c", arithmeticExtras(1, 0, -1), new byte[0], 0, 0));
      client.send(request(NOOP, ""));
      assertThat(read(client).opcode()).isEqualTo(NOOP);
      assertThat(next()).isEqualTo(get("c", "found", 1, 2));
      client.send(request(0x06, "none", arithmeticExtras(1, 0, -1), new byte[0], 0, 0));
      assertThat(read(client).status()).isEqualTo(0x01);
      assertThat(next()).isEqualTo(get("none", "not_found", 0, 0));

      // memcached writes no usable store line for a binary value too large for any item; a set
      // still looks the old value up to drop it
      byte[] tooLarge = new byte[2 * 1024 * 1024];
      client.send(request(0x11, "c", setExtras(0, 0), tooLarge, 0, 0));
      assertThat(read(client).status()).isEqualTo(0x03);
      assertThat(next()).isEqualTo(get("c", "found", 1, 2));
      client.send(request(0x02, "c", setExtras(0, 0), tooLarge, 0, 0));
      assertThat(read(client).status()).isEqualTo(0x03);
      client.send(request(0x00, "c"));
      assertThat(read(client).status()).isEqualTo(0x01);
      assertThat(next()).isEqualTo(get("c", "not_found", 0, 0));
    }
  }

  @Test
  void eachKindOfWatcherSeesOnlyItsLines() {
    watch();
    try (RawClient mutations = fixture.connect();
        RawClient fetchers = fixture.connect()) {
      watch(mutations, "mutations");
      watch(fetchers, "fetchers");
      next();
      next();
      try (RawClient client = connectWatched()) {
        client.exchange("set k 0 0 1\r\n1\r\n", 1);
        client.exchange("ma k\r\n", 1);
        client.exchange("ma viv N0\r\n", 1);
        client.exchange("delete k\r\n", 1);
        client.exchange("set last 0 0 1\r\n1\r\n", 1);

        assertThat(List.of(next(mutations), next(mutations), next(mutations)))
            .containsExactly(
                store("k", "stored", "set", 0, 1, 1),
                store("viv", "stored", "add", 0, 1, 1),
                store("last", "stored", "set", 0, 1, 1));
        List<String> lookups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          lookups.add(next(fetchers));
        }
        assertThat(lookups)
            .containsExactly(
                get("k", "not_found", 0, 0),
                get("k", "found", 1, 1),
                get("viv", "not_found", 0, 0),
                get("viv", "not_found", 0, 0),
                get("k", "found", 1, 1),
                get("last", "not_found", 0, 0));
      }
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
