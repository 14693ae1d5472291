package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same requests to stock memcached (Debian's, which bin/run-all-tests installs) and to the
 * server get the same replies, byte for byte once CAS uniques and the version are set aside. Each
 * request is followed by {@code mn}, whose {@code MN} marks the end of its replies on both (so no
 * request may send an {@code mn} of its own). Without memcached on the path this test is skipped
 * and says so.
 */
class StockParityTest {

  private static final String LONG_OPAQUE = "o".repeat(33);

  /** Larger than memcached's default item size limit, 1 MiB. */
  private static final String TOO_LARGE = "x".repeat(1024 * 1024 + 1);

  /** Requests whose replies must be equal; each uses keys of its own. */
  private static final List<String> REQUESTS =
      List.of(
          // storage and retrieval
          "set s1 5 0 1\r\na\r\nget s1\r\n",
          "set s2 0 0 1 noreply\r\nb\r\nget s2 nope s2\r\n",
          "add s3 0 0 1\r\na\r\nadd s3 0 0 1\r\nb\r\nget s3\r\n",
          "replace s4 0 0 1\r\nb\r\nset s4 0 0 1\r\na\r\nreplace s4 3 0 1\r\nc\r\nget s4\r\n",
          "append s5 0 0 1\r\nb\r\nset s5 1 0 1\r\na\r\nappend s5 9 0 2\r\nbc\r\nget s5\r\n",
          "set s6 0 0 1\r\na\r\nprepend s6 0 0 1\r\nz\r\nget s6\r\n",
          "cas s7 0 0 1 1\r\nx\r\nset s7 0 0 1\r\na\r\ncas s7 0 0 1 1\r\nx\r\n",
          "gets s1 s8\r\n",
          "set s9 0 0 3\r\nabcd\r\n",
          "set s10 0 0 x\r\na\r\n",
          "set s11 0 0\r\n",
          "get\r\n",
          "get " + "k".repeat(251) + "\r\n",
          // arithmetic
          "set a1 0 0 2\r\n10\r\nincr a1 5\r\ndecr a1 100\r\nincr a1 18446744073709551615\r\n",
          "incr a2 1\r\nset a2 0 0 1\r\nx\r\nincr a2 1\r\nincr a2 abc\r\ndecr a2 -1\r\n",
          "set a3 0 0 20\r\n18446744073709551615\r\nincr a3 1\r\nget a3\r\n",
          "set a4 0 0 5\r\n12\0ab\r\nincr a4 1\r\nget a4\r\nset a4 0 0 3\r\n 12\r\nincr a4 1\r\n",
          // touch, delete, flush, misc
          "set t1 0 0 1\r\na\r\ntouch t1 100\r\ntouch t2 1\r\ntouch t1 abc\r\n",
          "set d1 0 0 1\r\na\r\ndelete d1\r\ndelete d1\r\ndelete d1 noreply\r\n",
          "verbosity 1\r\nverbosity\r\nverbosity 1 noreply\r\n",
          "stats extstore\r\nrefresh_certs\r\nstats detail\r\nstats detail up\r\n",
          // per-prefix stats, switched off again at the end (stats reset would reset all else)
          "stats detail on\r\nset dp:1 0 0 1\r\na\r\nset dq:1:2 0 0 1\r\na\r\n"
              + "get dp:1 dr:2 plain\r\ndelete dq:7\r\nadd dp:1 0 0 1\r\nb\r\n"
              + "gat 0 dp:1\r\nset :e 0 0 1\r\na\r\n"
              + "stats detail dump\r\nstats detail off\r\nset dp:2 0 0 1\r\nc\r\n"
              + "stats detail dump\r\n",
          "bogus\r\n\r\nGET s1\r\n",
          // meta
          "ms m1 2 T0 F7\r\nhi\r\nmg m1 v s f k\r\nmg m2 v\r\n",
          "ms m3 2 MX\r\nhi\r\n",
          "mg m1 v q\r\nmg m4 v q\r\nmg m1 k q\r\n",
          "md m5 q\r\nmd m1\r\nmg m1 v\r\n",
          "ma m6\r\nma m6 N0 J7 v\r\nma m6 MD D2 v\r\nma m6 MI D1\r\n",
          "mg m7 zz\r\n",
          "mg " + "k".repeat(251) + " v\r\n",
          "ms m8 x\r\n",
          // an opaque too long to echo: ma does its arithmetic first, the others nothing
          "ms o1 1\r\n5\r\nma o1 O"
              + LONG_OPAQUE
              + "\r\nmg o1 v\r\n"
              + "md o1 O"
              + LONG_OPAQUE
              + "\r\nmg o1 v\r\n"
              + "ms o1 1 O"
              + LONG_OPAQUE
              + "\r\n7\r\nmg o1 v\r\n"
              + "ma o2 N0 J13 O"
              + LONG_OPAQUE
              + "\r\nmg o2 v\r\n"
              + "ma o3 q O"
              + LONG_OPAQUE
              + "\r\nmg o4 O"
              + LONG_OPAQUE
              + " v\r\n",
          // per-prefix sets too large for an item: the classic store counts, meta's does not
          "stats detail on\r\nset tl:1 0 0 "
              + TOO_LARGE.length()
              + "\r\n"
              + TOO_LARGE
              + "\r\n"
              + "ms ml:1 "
              + TOO_LARGE.length()
              + "\r\n"
              + TOO_LARGE
              + "\r\n"
              + "stats detail dump\r\nstats detail off\r\n",
          // an add that finds the item uses it without reading it
          "set sc6 0 0 1\r\na\r\nadd sc6 0 0 1\r\nb\r\nmg sc6 h t v\r\nmg sc6 h\r\n",
          // numbers as strtoul reads them
          "verbosity +1\r\nverbosity 1\r\n");

  private static Process stock;
  private static int stockPort;
  private static ServerFixture ours;

  private static Optional<String> memcached() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> new File(dir, "memcached"))
        .filter(File::canExecute)
        .map(File::getPath)
        .findFirst();
  }

  @BeforeAll
  static void start() throws Exception {
    Optional<String> binary = memcached();
    Assumptions.assumeTrue(
        binary.isPresent(), "stock memcached is not installed (apt-get install memcached)");
    try (ServerSocket free = new ServerSocket(0)) {
      stockPort = free.getLocalPort();
    }
    stock =
        new ProcessBuilder(
                binary.get(),
                "-p",
                Integer.toString(stockPort),
                "-l",
                "127.0.0.1",
                "-U",
                "0",
                "-m",
                "64",
                "-u",
                System.getProperty("user.name"))
            .redirectErrorStream(true)
            .start();
    ours = new ServerFixture();
    awaitListening(stockPort);
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        assertThat(System.nanoTime()).as("memcached listens on " + port).isLessThan(deadline);
        Thread.sleep(50);
      }
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (ours != null) {
      ours.close();
    }
    if (stock != null) {
      stock.destroy();
      stock.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Sends one request and collects the reply lines up to the MN of the mn sent after it. */
  private static List<String> replies(RawClient client, String request) {
    client.send(request + "mn\r\n");
    List<String> lines = new ArrayList<>();
    String line;
    while (!(line = client.line()).equals("MN")) {
      lines.add(normalized(line));
    }
    return lines;
  }

  /** Sets aside what the two servers number differently: CAS uniques and the version. */
  private static String normalized(String line) {
    if (line.startsWith("VALUE ") && line.split(" ").length == 5) {
      return line.replaceFirst(" \\d+$", " <cas>");
    }
    return line.replaceAll("^VERSION .*", "VERSION <v>").replaceAll("(^| )c\\d+", "$1c<cas>");
  }

  /** Counters a sequence of commands moves, on each server; per-class ones from stats items. */
  private static final List<String> COUNTERS =
      List.of(
          "cmd_get",
          "get_hits",
          "get_misses",
          "cmd_touch",
          "touch_hits",
          "touch_misses",
          "cmd_set",
          "get_expired",
          "get_flushed");

  @Test
  void commandsMoveTheCountersStockMemcachedsMove() {
    String sequence =
        "set sc1 0 0 1\r\na\r\ngat 0 sc1\r\ngats 0 sc1\r\ngat 0 sc-miss\r\n"
            + "mg sc1 T30 v\r\nmg sc-miss T30 v\r\nmg sc1 v\r\nget sc1 sc-miss\r\n"
            // refused stores count as sets
            + "add sc1 0 0 1\r\nb\r\nreplace sc-miss 0 0 1\r\nb\r\ncas sc1 0 0 1 1\r\nb\r\n"
            + "append sc-miss 0 0 1\r\nb\r\nms sc-miss 1 MA\r\nb\r\nms sc1 1 MA\r\nb\r\n"
            // every command's lookup counts the expired item it finds
            + "set sc2 0 -1 1\r\na\r\nset sc2 0 0 1\r\nb\r\n"
            + "set sc3 0 -1 1\r\na\r\ndelete sc3\r\nset sc4 0 -1 1\r\na\r\nincr sc4 1\r\n"
            + "set sc5 0 -1 1\r\na\r\ntouch sc5 0\r\ntouch sc1 0\r\n";
    try (RawClient theirs = new RawClient(stockPort);
        RawClient mine = ours.connect()) {
      Map<String, Long> theirsBefore = counters(theirs);
      Map<String, Long> mineBefore = counters(mine);
      replies(theirs, sequence);
      replies(mine, sequence);
      assertThat(moved(mineBefore, counters(mine)))
          .isEqualTo(moved(theirsBefore, counters(theirs)));
    }
  }

  private static Map<String, Long> counters(RawClient client) {
    Map<String, Long> counters = new TreeMap<>();
    for (String request : List.of("stats\r\n", "stats items\r\n")) {
      client.send(request);
      String line;
      while (!(line = client.line()).equals("END")) {
        String[] stat = line.split(" ");
        String name = stat[1].replaceFirst("^items:\\d+:", "items:");
        if (COUNTERS.contains(name) || name.startsWith("items:hits_to_")) {
          counters.merge(name, Long.parseLong(stat[2]), Long::sum);
        }
      }
    }
    return counters;
  }

  private static Map<String, Long> moved(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> moved = new TreeMap<>();
    after.forEach((name, value) -> moved.put(name, value - before.getOrDefault(name, 0L)));
    return moved;
  }

  @Test
  void bothHangUpWithoutAWordOnAnHttpRequest() {
    for (String request : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.0\r\n")) {
      try (RawClient theirs = new RawClient(stockPort);
          RawClient mine = ours.connect()) {
        theirs.send(request);
        mine.send(request);
        assertThat(theirs.closedSilently(5000)).as(request).isTrue();
        assertThat(mine.closedSilently(5000)).as(request).isTrue();
      }
    }
  }

  @Test
  void everyRequestGetsTheRepliesStockMemcachedGives() {
    try (RawClient theirs = new RawClient(stockPort);
        RawClient mine = ours.connect()) {
      for (String request : REQUESTS) {
        assertThat(replies(mine, request)).as(request).isEqualTo(replies(theirs, request));
      }
    }
  }
}
