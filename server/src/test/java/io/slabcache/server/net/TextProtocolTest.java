package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every text command and its error paths, byte for byte, against a server on loopback. */
class TextProtocolTest {

  private ServerFixture fixture;
  private RawClient client;

  @BeforeEach
  void start() {
    fixture = new ServerFixture(s -> s.shutdownEnabled(false));
    client = fixture.connect();
  }

  @AfterEach
  void stop() {
    client.close();
    fixture.close();
  }

  @Test
  void sizesCannotBeTrackedWithoutCas() {
    try (ServerFixture withoutCas = new ServerFixture(s -> s, c -> c.casEnabled(false));
        RawClient other = withoutCas.connect()) {
      assertThat(other.exchange("stats sizes_enable\r\n", 3))
          .isEqualTo("STAT sizes_status error\r\nSTAT sizes_error cas_support_disabled\r\nEND\r\n");
    }
  }

  @Test
  void setGetAndGets() {
    assertThat(client.exchange("set k 5 0 3\r\nabc\r\n", 1)).isEqualTo("STORED\r\n");
    assertThat(client.exchange("get k\r\n", 3)).isEqualTo("VALUE k 5 3\r\nabc\r\nEND\r\n");
    String gets = client.exchange("gets k\r\n", 3);
    assertThat(gets).matches("VALUE k 5 3 \\d+\r\nabc\r\nEND\r\n");
    assertThat(client.exchange("get missing\r\n", 1)).isEqualTo("END\r\n");
  }

  @Test
  void flagsAreUnsigned32Bit() {
    client.exchange("set k 4294967295 0 1\r\nx\r\n", 1);
    assertThat(client.exchange("get k\r\n", 3)).startsWith("VALUE k 4294967295 1\r\n");
    assertThat(client.exchange("set k 4294967296 0 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    // the data line of a refused command line is read as a command, as memcached reads it
    assertThat(client.exchange("x\r\n", 1)).isEqualTo("ERROR\r\n");
  }

  @Test
  void addReplaceAppendPrepend() {
    assertThat(client.exchange("add k 1 0 1\r\na\r\n", 1)).isEqualTo("STORED\r\n");
    assertThat(client.exchange("add k 1 0 1\r\nb\r\n", 1)).isEqualTo("NOT_STORED\r\n");
    assertThat(client.exchange("replace nope 1 0 1\r\nb\r\n", 1)).isEqualTo("NOT_STORED\r\n");
    assertThat(client.exchange("replace k 2 0 1\r\nb\r\n", 1)).isEqualTo("STORED\r\n");
    assertThat(client.exchange("append k 9 0 2\r\ncd\r\n", 1)).isEqualTo("STORED\r\n");
    assertThat(client.exchange("prepend k 9 0 2\r\nzz\r\n", 1)).isEqualTo("STORED\r\n");
    assertThat(client.exchange("append nope 0 0 1\r\nx\r\n", 1)).isEqualTo("NOT_STORED\r\n");
    assertThat(client.exchange("get k\r\n", 3)).isEqualTo("VALUE k 2 5\r\nzzbcd\r\nEND\r\n");
  }

  @Test
  void casChecksTheUnique() {
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    String gets = client.exchange("gets k\r\n", 3);
    long cas = Long.parseLong(gets.split("\r\n")[0].split(" ")[4]);
    assertThat(client.exchange("cas k 0 0 1 " + (cas + 1) + "\r\nb\r\n", 1))
        .isEqualTo("EXISTS\r\n");
    assertThat(client.exchange("cas k 0 0 1 " + cas + "\r\nc\r\n", 1)).isEqualTo("STORED\r\n");
    assertThat(client.exchange("cas k 0 0 1 " + cas + "\r\nd\r\n", 1)).isEqualTo("EXISTS\r\n");
    assertThat(client.exchange("cas nope 0 0 1 1\r\nd\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
    assertThat(client.exchange("cas k 0 0 1 0\r\nd\r\n", 1)).isEqualTo("EXISTS\r\n");
    assertThat(client.exchange("cas k 0 0 1 -1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("d\r\nget k\r\n", 4))
        .isEqualTo("ERROR\r\nVALUE k 0 1\r\nc\r\nEND\r\n");
  }

  @Test
  void multiGetWithHundredsOfKeys() {
    StringBuilder get = new StringBuilder("get");
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      if (i % 2 == 0) {
        client.exchange(
            "set key" + i + " " + i + " 0 " + Integer.toString(i).length() + "\r\n" + i + "\r\n",
            1);
        expected
            .append("VALUE key")
            .append(i)
            .append(' ')
            .append(i)
            .append(' ')
            .append(Integer.toString(i).length())
            .append("\r\n")
            .append(i)
            .append("\r\n");
      }
      get.append(" key").append(i);
    }
    expected.append("END\r\n");
    assertThat(client.exchange(get + "\r\n", 501)).isEqualTo(expected.toString());
  }

  @Test
  void incrDecr() {
    client.exchange("set n 0 0 2\r\n10\r\n", 1);
    assertThat(client.exchange("incr n 5\r\n", 1)).isEqualTo("15\r\n");
    assertThat(client.exchange("decr n 100\r\n", 1)).isEqualTo("0\r\n");
    client.exchange("set n 0 0 20\r\n18446744073709551615\r\n", 1);
    assertThat(client.exchange("incr n 2\r\n", 1)).isEqualTo("1\r\n");
    assertThat(client.exchange("incr nope 1\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
    client.exchange("set s 0 0 3\r\nabc\r\n", 1);
    assertThat(client.exchange("incr s 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
    assertThat(client.exchange("incr n abc\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid numeric delta argument\r\n");
    assertThat(client.exchange("incr n -1\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid numeric delta argument\r\n");
    assertThat(client.exchange("incr n\r\n", 1)).isEqualTo("ERROR\r\n");
  }

  @Test
  void deleteAndItsLegacyForms() {
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    assertThat(client.exchange("delete k 0\r\n", 1)).isEqualTo("DELETED\r\n");
    assertThat(client.exchange("delete k\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
    assertThat(client.exchange("delete k 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n");
    assertThat(client.exchange("delete\r\n", 1)).isEqualTo("ERROR\r\n");
  }

  @Test
  void noreplySuppressesEveryReplyOfTheCommand() {
    client.send("set k 0 0 1 noreply\r\na\r\n");
    client.send("add k 0 0 1 noreply\r\nb\r\n");
    client.send("append k 0 0 1 noreply\r\nc\r\n");
    client.send("prepend k 0 0 1 noreply\r\nd\r\n");
    client.send("replace k 0 0 2 noreply\r\nef\r\n");
    client.send("set n 0 0 1 noreply\r\n1\r\n");
    client.send("incr n 1 noreply\r\n");
    client.send("decr n 1 noreply\r\n");
    client.send("touch n 10 noreply\r\n");
    client.send("delete nope noreply\r\n");
    client.send("set big 0 0 2000000 noreply\r\n").send(new byte[2000000]).send("\r\n");
    client.send("set k 0 0 -1 noreply\r\n");
    client.send("flush_all 0 noreply\r\nverbosity 1 noreply\r\n");
    assertThat(client.exchange("version\r\n", 1)).startsWith("VERSION ");
  }

  @Test
  void touchAndGatMoveTheExpiry() {
    client.exchange("set k 3 10 1\r\na\r\n", 1);
    assertThat(client.exchange("touch k 100\r\n", 1)).isEqualTo("TOUCHED\r\n");
    assertThat(client.exchange("touch nope 100\r\n", 1)).isEqualTo("NOT_FOUND\r\n");
    assertThat(client.exchange("touch k abc\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid exptime argument\r\n");
    fixture.clock.advanceSeconds(50);
    assertThat(client.exchange("gat 200 k\r\n", 3)).isEqualTo("VALUE k 3 1\r\na\r\nEND\r\n");
    fixture.clock.advanceSeconds(150);
    assertThat(client.exchange("gats 0 k nope\r\n", 3)).matches("VALUE k 3 1 \\d+\r\na\r\nEND\r\n");
    assertThat(client.exchange("gat abc k\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid exptime argument\r\n");
    assertThat(client.exchange("gat 10\r\n", 1)).isEqualTo("END\r\n");
  }

  @Test
  void itemsExpireOnTheServerClock() {
    client.exchange("set k 0 10 1\r\na\r\n", 1);
    client.exchange("set never 0 0 1\r\nb\r\n", 1);
    client.exchange("set gone 0 -1 1\r\nc\r\n", 1);
    assertThat(client.exchange("get gone\r\n", 1)).isEqualTo("END\r\n");
    fixture.clock.advanceSeconds(9);
    assertThat(client.exchange("get k\r\n", 3)).isEqualTo("VALUE k 0 1\r\na\r\nEND\r\n");
    fixture.clock.advanceSeconds(2);
    assertThat(client.exchange("get k never\r\n", 3)).isEqualTo("VALUE never 0 1\r\nb\r\nEND\r\n");
    long absolute = fixture.clock.currentTimeMillis() / 1000 + 100;
    client.exchange("set abs 0 " + absolute + " 1\r\nd\r\n", 1);
    fixture.clock.advanceSeconds(99);
    assertThat(client.exchange("get abs\r\n", 3)).isEqualTo("VALUE abs 0 1\r\nd\r\nEND\r\n");
    fixture.clock.advanceSeconds(2);
    assertThat(client.exchange("get abs\r\n", 1)).isEqualTo("END\r\n");
  }

  @Test
  void flushAllWithAndWithoutDelay() {
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    assertThat(client.exchange("flush_all\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("get k\r\n", 1)).isEqualTo("END\r\n");
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    assertThat(client.exchange("flush_all 10\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("get k\r\n", 3)).isEqualTo("VALUE k 0 1\r\na\r\nEND\r\n");
    fixture.clock.advanceSeconds(11);
    assertThat(client.exchange("get k\r\n", 1)).isEqualTo("END\r\n");
    assertThat(client.exchange("flush_all abc\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid exptime argument\r\n");
    assertThat(client.exchange("flush_all 1 2 3\r\n", 1)).isEqualTo("ERROR\r\n");
  }

  @Test
  void versionVerbosityQuit() {
    assertThat(client.exchange("version\r\n", 1)).isEqualTo("VERSION 1.6.38\r\n");
    assertThat(client.exchange("verbosity 1\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("verbosity\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("verbosity x\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    client.send("quit\r\n");
    assertThat(client.closedByServer(5000)).isTrue();
  }

  @Test
  void unknownAndMalformedCommands() {
    assertThat(client.exchange("bogus\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("x\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("GET k\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("get\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("set k 0 0\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("set k 0 0 1 noreply extra\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("set k abc 0 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("set k 0 0 -1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    // a bare LF ends a line too
    assertThat(client.exchange("version\n", 1)).startsWith("VERSION");
  }

  @Test
  void keysLongerThan250BytesAreRefused() {
    String key = "k".repeat(251);
    assertThat(client.exchange("get " + key + "\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("set " + key + " 0 0 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("a\r\n", 1)).isEqualTo("ERROR\r\n");
    String longest = "k".repeat(250);
    assertThat(client.exchange("set " + longest + " 0 0 1\r\na\r\n", 1)).isEqualTo("STORED\r\n");
    assertThat(client.exchange("incr " + key + " 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("touch " + key + " 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("delete " + key + "\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
  }

  @Test
  void badDataChunk() {
    assertThat(client.exchange("set k 0 0 2\r\nabcd\r\n", 2))
        .isEqualTo("CLIENT_ERROR bad data chunk\r\nERROR\r\n");
    assertThat(client.exchange("get k\r\n", 1)).isEqualTo("END\r\n");
  }

  @Test
  void valuesLargerThanAnItemAreSkippedAndTheOldValueDropped() {
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    int size = 2 * 1024 * 1024;
    client.send("set k 0 0 " + size + "\r\n");
    assertThat(client.line()).isEqualTo("SERVER_ERROR object too large for cache");
    client.send(new byte[size]).send("\r\n");
    assertThat(client.exchange("get k\r\n", 1)).isEqualTo("END\r\n");
    // near the limit: refused by the engine once read
    byte[] almost = new byte[1024 * 1024];
    client.send("set k2 0 0 " + almost.length + "\r\n").send(almost).send("\r\n");
    assertThat(client.line()).isEqualTo("SERVER_ERROR object too large for cache");
    byte[] fits = new byte[1024 * 1024 - 512];
    client.send("set k3 0 0 " + fits.length + "\r\n").send(fits).send("\r\n");
    assertThat(client.line()).isEqualTo("STORED");
    client.send("get k3\r\n");
    assertThat(client.line()).isEqualTo("VALUE k3 0 " + fits.length);
    assertThat(client.read(fits.length + 2)).hasSize(fits.length + 2);
    assertThat(client.line()).isEqualTo("END");
  }

  @Test
  void aNulByteEndsTheLineAsInMemcached() {
    // "set k" is too short a set; its data line is then a command of its own
    client.send("set k\0x 0 0 1\r\na\r\n");
    assertThat(client.line()).isEqualTo("ERROR");
    assertThat(client.line()).isEqualTo("ERROR");
    assertThat(client.exchange("version\0 junk\r\n", 1)).startsWith("VERSION ");
  }

  @Test
  void aLongLineWhoseEndHasArrivedIsAnswered() {
    client.send("a".repeat(3000) + "\r\nversion\r\n");
    assertThat(client.line()).isEqualTo("ERROR");
    assertThat(client.line()).startsWith("VERSION ");
    // 2048 bytes are waited for without a line end; the end, once it comes, is answered
    client.send("b".repeat(2048));
    client.send("\r\n");
    assertThat(client.line()).isEqualTo("ERROR");
  }

  @Test
  void aLineThatNeverEndsClosesTheConnection() {
    client.send("set " + "x".repeat(5000));
    assertThat(client.closedByServer(5000)).isTrue();
  }

  @Test
  void stats() {
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    client.exchange("get k nope\r\n", 3);
    String stats = statsOf("stats\r\n");
    assertThat(stats)
        .contains("STAT pid ", "STAT uptime ", "STAT version 1.6.38\r\n")
        .contains("STAT curr_connections 1\r\n", "STAT get_hits 1\r\n", "STAT get_misses 1\r\n")
        .contains("STAT curr_items 1\r\n", "STAT bytes_read ", "STAT bytes_written ")
        .contains("STAT max_connections 1024\r\n", "STAT threads 2\r\n");
    assertThat(statsOf("stats settings\r\n"))
        .contains("STAT maxconns 1024\r\n", "STAT tcpport " + fixture.port() + "\r\n")
        .contains("STAT item_size_max 1048576\r\n");
    // The LRU maintainer moves the new item from HOT to COLD, unlinking it from one list before
    // linking it into the other; a count read in between misses it, in memcached too.
    long deadline = System.nanoTime() + 5_000_000_000L;
    String items;
    while (!(items = statsOf("stats items\r\n")).contains(":number 1\r\n")) {
      assertThat(System.nanoTime()).as(items).isLessThan(deadline);
    }
    assertThat(statsOf("stats slabs\r\n")).contains("STAT active_slabs ");
    // memcached counts sizes only when asked, and then only the items stored since
    assertThat(statsOf("stats sizes\r\n")).isEqualTo("STAT sizes_status disabled\r\nEND\r\n");
    assertThat(statsOf("stats sizes_enable\r\n")).isEqualTo("STAT sizes_status enabled\r\nEND\r\n");
    assertThat(statsOf("stats sizes\r\n")).isEqualTo("END\r\n");
    client.exchange("set sized 0 0 100\r\n" + "s".repeat(100) + "\r\n", 1);
    client.exchange("set sized 0 0 100\r\n" + "t".repeat(100) + "\r\n", 1);
    assertThat(statsOf("stats sizes\r\n")).matches("STAT \\d+ 1\r\nEND\r\n");
    client.exchange("delete sized\r\n", 1);
    client.exchange("delete k\r\n", 1);
    assertThat(statsOf("stats sizes\r\n")).isEqualTo("END\r\n");
    assertThat(statsOf("stats sizes_disable\r\n"))
        .isEqualTo("STAT sizes_status disabled\r\nEND\r\n");
    assertThat(statsOf("stats conns\r\n")).contains(":addr tcp:127.0.0.1:", ":state ");
    assertThat(client.exchange("stats reset\r\n", 1)).isEqualTo("RESET\r\n");
    assertThat(statsOf("stats\r\n")).contains("STAT get_hits 0\r\n");
    assertThat(client.exchange("stats bogus\r\n", 1)).isEqualTo("ERROR\r\n");
  }

  @Test
  void statsDetailCountsByKeyPrefixWhileSwitchedOn() {
    assertThat(statsOf("stats detail dump\r\n")).isEqualTo("END\r\n");
    client.exchange("set user:1 0 0 1\r\na\r\n", 1);
    assertThat(statsOf("stats detail dump\r\n")).isEqualTo("END\r\n");
    assertThat(client.exchange("stats detail on\r\n", 1)).isEqualTo("OK\r\n");
    client.exchange("set user:1 0 0 1\r\na\r\n", 1);
    client.exchange("add user:1 0 0 1\r\nb\r\n", 1);
    assertThat(client.exchange("set user:big 0 0 2000000\r\n" + "b".repeat(2_000_000) + "\r\n", 1))
        .isEqualTo("SERVER_ERROR object too large for cache\r\n");
    client.exchange("get user:1 user:2 plain\r\n", 3);
    client.exchange("gat 0 user:1\r\n", 3);
    client.exchange("delete user:9\r\n", 1);
    // memcached counts neither meta commands nor incr, decr and touch
    client.exchange("mg user:1 v\r\n", 2);
    client.exchange("touch user:1 0\r\n", 1);
    assertThat(statsOf("stats detail dump\r\n"))
        .isEqualTo("PREFIX user get 3 hit 2 set 3 del 1\r\nEND\r\n");
    assertThat(client.exchange("stats detail off\r\n", 1)).isEqualTo("OK\r\n");
    client.exchange("delete user:1\r\n", 1);
    assertThat(statsOf("stats detail dump\r\n"))
        .isEqualTo("PREFIX user get 3 hit 2 set 3 del 1\r\nEND\r\n");
    assertThat(client.exchange("stats reset\r\n", 1)).isEqualTo("RESET\r\n");
    assertThat(statsOf("stats detail dump\r\n")).isEqualTo("END\r\n");
    assertThat(client.exchange("stats detail\r\n", 1))
        .isEqualTo("CLIENT_ERROR usage: stats detail on|off|dump\r\n");
    assertThat(client.exchange("stats detail sideways\r\n", 1))
        .isEqualTo("CLIENT_ERROR usage: stats detail on|off|dump\r\n");
  }

  @Test
  void extstoreStatsAndCertificatesAnswerAsAMemcachedWithoutThem() {
    assertThat(statsOf("stats extstore\r\n")).isEqualTo("END\r\n");
    assertThat(client.exchange("refresh_certs\r\n", 1)).isEqualTo("Error TLS not enabled\r\n");
  }

  private String statsOf(String command) {
    client.send(command);
    StringBuilder all = new StringBuilder();
    String line;
    do {
      line = client.line();
      all.append(line).append("\r\n");
    } while (!line.equals("END"));
    return all.toString();
  }

  @Test
  void slabsAndCrawlerAndMemlimit() {
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    assertThat(client.exchange("slabs automove 0\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("slabs automove 9\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("slabs reassign 1 1\r\n", 1))
        .isEqualTo("SAME src and dst class are identical\r\n");
    assertThat(client.exchange("slabs reassign 1 999\r\n", 1))
        .isEqualTo("BADCLASS invalid src or dst class id\r\n");
    assertThat(client.exchange("slabs reassign x 1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("slabs bogus\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru_crawler crawl all\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("lru_crawler crawl 999\r\n", 1))
        .isEqualTo("BADCLASS invalid class id\r\n");
    assertThat(client.exchange("cache_memlimit 4\r\n", 1))
        .isEqualTo("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m\r\n");
    assertThat(client.exchange("cache_memlimit 128\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("cache_memlimit x\r\n", 1)).isEqualTo("ERROR\r\n");
    // beyond what the engine addresses is taken as that much, as memcached takes any size
    assertThat(client.exchange("cache_memlimit 65536\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("cache_memlimit 4294967296\r\n", 1))
        .isEqualTo("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes\r\n");
    assertThat(client.exchange("cache_memlimit 18446744073709551616\r\n", 1))
        .isEqualTo("ERROR\r\n");
    assertThat(client.exchange("cache_memlimit 64\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("shutdown\r\n", 1)).isEqualTo("ERROR: shutdown not enabled\r\n");
    assertThat(client.exchange("watch rawcmds\r\n", 1)).isEqualTo("ERROR\r\n");
  }

  @Test
  void watchersSeeFetchesStoresDeletionsAndConnections() {
    try (RawClient watcher = fixture.connect()) {
      assertThat(watcher.exchange("watch fetchers mutations deletions connevents\r\n", 1))
          .isEqualTo("OK\r\n");
      int port;
      try (RawClient other = fixture.connect()) {
        port = other.socket().getLocalPort();
        assertThat(logLineOf(watcher, port))
            .matches("ts=\\d+\\.\\d+ gid=\\d+ type=conn_new rip=127.0.0.1 rport=" + port + " .*");
        other.exchange("set w%1 0 0 1\r\na\r\nget w%1 nope\r\ndelete w%1\r\n", 5);
        // stores and deletes look the key up first, as every memcached lookup is logged
        assertThat(logLineOf(watcher, port)).contains(" type=item_get key=w%251 status=not_found");
        assertThat(logLineOf(watcher, port))
            .contains(" type=item_store key=w%251 status=stored cmd=set");
        assertThat(logLineOf(watcher, port))
            .contains(" type=item_get key=w%251 status=found clsid=");
        assertThat(logLineOf(watcher, port)).contains(" type=item_get key=nope status=not_found");
        assertThat(logLineOf(watcher, port))
            .contains(" type=item_get key=w%251 status=found clsid=");
        assertThat(logLineOf(watcher, port)).contains(" type=deleted key=w%251 cmd=delete");
      }
      assertThat(logLineOf(watcher, port)).contains(" type=conn_close rip=127.0.0.1 rport=" + port);
      // a watcher's own input is not served
      watcher.send("version\r\n");
      assertThat(watcher.silentFor(300)).isTrue();
    }
  }

  /**
   * The watcher's next line, passing over connection events of other connections: the server is
   * shared by this class's tests, and an earlier test's connection may be seen closing late.
   */
  private static String logLineOf(RawClient watcher, int port) {
    while (true) {
      String line = watcher.logLine();
      if (!line.contains(" type=conn_") || line.contains(" rport=" + port + " ")) {
        return line;
      }
    }
  }

  @Test
  void evictionWatchersSeeWhatEachEvictedItemWas() {
    try (ServerFixture small =
            new ServerFixture(s -> s, c -> c.memoryLimitMegabytes(4).slabAutomove(0));
        RawClient writer = small.connect();
        RawClient watcher = small.connect()) {
      String value = "v".repeat(100);
      // Keys as long as the fillers', so that all share one class and these two go first.
      writer.exchange("set fetched 0 1000 100\r\n" + value + "\r\n", 1);
      writer.exchange("set ignored 0 0 100\r\n" + value + "\r\n", 1);
      assertThat(writer.exchange("get fetched\r\n", 3)).startsWith("VALUE fetched ");
      small.clock.advanceSeconds(5);
      // evictions only: every filling set's lookup would be a fetchers line, and a watcher not
      // read while the fill is sent would lose lines
      assertThat(watcher.exchange("watch evictions\r\n", 1)).isEqualTo("OK\r\n");
      StringBuilder fill = new StringBuilder();
      for (int i = 0; i < 40_000; i++) {
        fill.append(String.format("set k%06d 0 0 100 noreply\r\n", i)).append(value).append("\r\n");
      }
      writer.send(fill.toString());

      // the two go down to COLD one after the other, but two threads moving HOT's tail (the
      // maintainer, and a set making room) may each link theirs into COLD first
      String first = nextEviction(watcher);
      String second = nextEviction(watcher);
      String fetched = first.contains(" key=fetched ") ? first : second;
      String ignored = fetched == first ? second : first;
      assertThat(fetched)
          .matches(
              "ts=\\d+\\.\\d+ gid=\\d+ type=eviction key=fetched fetch=yes ttl=995 la=5 clsid=\\d+ size=100");
      assertThat(ignored)
          .matches(
              "ts=\\d+\\.\\d+ gid=\\d+ type=eviction key=ignored fetch=no ttl=-1 la=5 clsid=\\d+ size=100");
      assertThat(writer.exchange("get fetched ignored\r\n", 1)).isEqualTo("END\r\n");
    }
  }

  private static String nextEviction(RawClient watcher) {
    String line = watcher.logLine();
    assertThat(line).contains(" type=eviction ");
    return line;
  }

  @Test
  void cachedumpListsAClassesColdItemsFromTheHead() {
    try (ServerFixture flat = new ServerFixture(s -> s, c -> c.lruSegmented(false));
        RawClient dump = flat.connect()) {
      dump.exchange("set older 0 0 3\r\nabc\r\n", 1);
      dump.exchange("set newer 0 100 1\r\nz\r\n", 1);
      long expires = Long.parseLong(dump.exchange("mg newer t\r\n", 1).replaceAll("\\D", ""));
      String all = dump.exchange("stats cachedump 1 0\r\n", 3);
      assertThat(all).startsWith("ITEM newer [1 b; ").contains("ITEM older [3 b; 0 s]\r\n");
      assertThat(all).endsWith("END\r\n").doesNotContain("; " + expires + " s]"); // unix, not ttl
      assertThat(dump.exchange("stats cachedump 1 1\r\n", 2)).startsWith("ITEM newer [1 b; ");
      assertThat(dump.exchange("stats cachedump 2 0\r\n", 1)).isEqualTo("END\r\n");
      assertThat(dump.exchange("stats cachedump 1\r\n", 1))
          .isEqualTo("CLIENT_ERROR bad command line\r\n");
      assertThat(dump.exchange("stats cachedump x 1\r\n", 1))
          .isEqualTo("CLIENT_ERROR bad command line format\r\n");
      assertThat(dump.exchange("stats cachedump 64 1\r\n", 1))
          .isEqualTo("CLIENT_ERROR Illegal slab id\r\n");
    }
  }

  @Test
  void metadumpListsEveryItem() {
    client.exchange("set a%b 0 0 1\r\na\r\n", 1);
    client.exchange("set plain 7 100 1\r\nb\r\n", 1);
    for (String which : new String[] {"all", "hash"}) {
      client.send("lru_crawler metadump " + which + "\r\n");
      String first = client.rawLine();
      String second = client.rawLine();
      assertThat(client.line()).isEqualTo("END");
      // as memcached's: each item's line ends in a bare line feed, the END line in CRLF
      assertThat(first).endsWith("\n").doesNotContain("\r");
      assertThat(second).endsWith("\n").doesNotContain("\r");
      assertThat(first + second)
          .contains("key=a%25b exp=-1 la=", "key=plain exp=", " flags=0\n", " flags=7\n")
          .contains(" fetch=no cls=1 size=");
    }
  }

  @Test
  void pipelinedCommandsInOnePacketAndOneCommandOverManyPackets() {
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      batch.append("set k").append(i).append(" 0 0 1\r\n").append(i % 10).append("\r\n");
      batch.append("get k").append(i).append("\r\n");
    }
    client.send(batch.toString());
    for (int i = 0; i < 100; i++) {
      assertThat(client.lines(4))
          .isEqualTo("STORED\r\nVALUE k" + i + " 0 1\r\n" + (i % 10) + "\r\nEND\r\n");
    }
    byte[] command = "set slow 0 0 5\r\nhello\r\nget slow\r\n".getBytes();
    for (byte b : command) {
      client.send(new byte[] {b});
    }
    assertThat(client.lines(4)).isEqualTo("STORED\r\nVALUE slow 0 5\r\nhello\r\nEND\r\n");
  }

  @Test
  void shutdownCommandStopsTheServerWhenEnabled() throws Exception {
    try (ServerFixture enabled = new ServerFixture(s -> s.shutdownEnabled(true));
        RawClient c = enabled.connect()) {
      assertThat(c.exchange("shutdown foo\r\n", 1))
          .isEqualTo("CLIENT_ERROR invalid shutdown mode\r\n");
      c.send("shutdown\r\n");
      assertThat(c.closedByServer(5000)).isTrue();
      enabled.server.awaitTermination();
    }
  }
}
