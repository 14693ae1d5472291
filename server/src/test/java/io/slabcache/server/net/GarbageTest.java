package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, truncated commands and broken binary headers on many connections at once, while a
 * well-behaved client keeps working and checks every value it reads.
 */
class GarbageTest {

  private static final String[] FRAGMENTS = {
    "get ",
    "gets ",
    "set k 0 0 5\r\n",
    "set k 0 0 99999999\r\n",
    "cas k 0 0 1 1\r\n",
    "incr ",
    "delete ",
    "mg k v c t",
    "ms k 5 T0",
    "md k q",
    "ma k D",
    "mn\r\n",
    "\r\n",
    "noreply",
    "stats ",
    "flush_all 999999\r\n",
    "lru_crawler metadump all\r\n",
    "verbosity 0\r\n",
    "touch k ",
    "gat 1 ",
    "k",
    " ",
    "\n",
    "\0",
    "-1",
    "18446744073709551616",
    "mg k O",
    "b",
  };

  /** Enough to keep the server busy without running the test JVM out of descriptors or ports. */
  private static final int CONNECTIONS_PER_VANDAL = 300;

  @Test
  void garbageOnManyConnectionsDoesNotDisturbAWellBehavedClient() throws Exception {
    try (ServerFixture fixture = new ServerFixture(s -> s.threads(2))) {
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> vandals = new ArrayList<>();
      for (int v = 0; v < 8; v++) {
        long seed = 1000 + v;
        vandals.add(pool.submit(() -> vandalize(fixture.port(), seed, running)));
      }
      try (RawClient good = fixture.connect()) {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
          String key = "good" + (i % 50);
          byte[] value = new byte[1 + random.nextInt(3000)];
          for (int j = 0; j < value.length; j++) {
            value[j] = (byte) ('a' + random.nextInt(26));
          }
          good.send("set " + key + " " + i + " 0 " + value.length + "\r\n")
              .send(value)
              .send("\r\nget " + key + "\r\n");
          assertThat(good.line()).isEqualTo("STORED");
          assertThat(good.line()).isEqualTo("VALUE " + key + " " + i + " " + value.length);
          assertThat(new String(good.read(value.length + 2), StandardCharsets.ISO_8859_1))
              .isEqualTo(new String(value, StandardCharsets.ISO_8859_1) + "\r\n");
          assertThat(good.line()).isEqualTo("END");
        }
      } finally {
        running.set(false);
      }
      int connections = 0;
      for (Future<Integer> vandal : vandals) {
        connections += vandal.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(connections).isGreaterThan(8);
      try (RawClient after = fixture.connect()) {
        assertThat(after.exchange("version\r\n", 1)).isEqualTo("VERSION 1.6.38\r\n");
      }
    }
  }

  /**
   * Opens connections and writes junk until told to stop or until it has opened its share of
   * connections; returns the connections opened.
   */
  private static int vandalize(int port, long seed, AtomicBoolean running) {
    Random random = new Random(seed);
    int opened = 0;
    while (running.get() && opened < CONNECTIONS_PER_VANDAL) {
      try (Socket socket = new Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        opened++;
        socket.setSoTimeout(100);
        OutputStream out = socket.getOutputStream();
        boolean binary = random.nextInt(3) == 0;
        int writes = 1 + random.nextInt(20);
        for (int w = 0; w < writes && running.get(); w++) {
          out.write(junk(random, binary));
          out.flush();
          // read a little so the server is not only talking to a wall
          if (socket.getInputStream().available() > 0) {
            socket.getInputStream().read(new byte[8192]);
          }
        }
      } catch (IOException expected) {
        // the server closes connections that send what memcached would close on
      }
    }
    return opened;
  }

  private static byte[] junk(Random random, boolean binary) {
    if (binary) {
      byte[] header = new byte[24 + random.nextInt(64)];
      random.nextBytes(header);
      header[0] = (byte) 0x80;
      if (random.nextBoolean()) {
        header[8] = 0;
        header[9] = 0;
      }
      return header;
    }
    StringBuilder text = new StringBuilder();
    int parts = 1 + random.nextInt(12);
    for (int i = 0; i < parts; i++) {
      if (random.nextInt(4) == 0) {
        byte[] raw = new byte[random.nextInt(200)];
        random.nextBytes(raw);
        text.append(new String(raw, StandardCharsets.ISO_8859_1));
      } else {
        text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
    }
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
