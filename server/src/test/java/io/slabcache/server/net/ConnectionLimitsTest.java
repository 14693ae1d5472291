package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connection limit, the idle timeout and the bound on replies held for a slow reader. */
class ConnectionLimitsTest {

  @Test
  void theConnectionOverTheLimitIsToldAndClosed() {
    try (ServerFixture fixture = new ServerFixture(s -> s.maxConnections(2));
        RawClient first = fixture.connect();
        RawClient second = fixture.connect()) {
      assertThat(first.exchange("version\r\n", 1)).startsWith("VERSION");
      assertThat(second.exchange("version\r\n", 1)).startsWith("VERSION");
      try (RawClient third = fixture.connect()) {
        assertThat(third.line()).isEqualTo("ERROR Too many open connections");
        assertThat(third.closedByServer(5000)).isTrue();
      }
      assertThat(first.exchange("version\r\n", 1)).startsWith("VERSION");
      second.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      boolean admitted = false;
      while (!admitted && System.nanoTime() < deadline) {
        try (RawClient again = fixture.connect()) {
          again.send("version\r\n");
          admitted = again.line().startsWith("VERSION");
        } catch (RuntimeException refusedWhileTheOldOneCloses) {
          admitted = false;
        }
      }
      assertThat(admitted).isTrue();
    }
  }

  @Test
  void theConnectionLimitRefusesConnectionsWithoutStoppingListening() {
    try (ServerFixture fixture = new ServerFixture(s -> s.maxConnections(2));
        RawClient first = fixture.connect();
        RawClient second = fixture.connect()) {
      assertThat(second.exchange("version\r\n", 1)).startsWith("VERSION");
      try (RawClient refused = fixture.connect()) {
        assertThat(refused.line()).isEqualTo("ERROR Too many open connections");
      }
      // memcached's listen_disabled_num counts accept() failing for want of descriptors only
      assertThat(ServerStatsTest.statMap(first, "stats"))
          .containsEntry("rejected_connections", "1")
          .containsEntry("accepting_conns", "1")
          .containsEntry("listen_disabled_num", "0")
          .containsEntry("time_in_listen_disabled_us", "0");
    }
  }

  @Test
  void idleConnectionsAreClosed() {
    try (ServerFixture fixture = new ServerFixture(s -> s.idleTimeoutSeconds(1));
        RawClient client = fixture.connect()) {
      assertThat(client.exchange("version\r\n", 1)).startsWith("VERSION");
      assertThat(client.closedByServer(10_000)).isTrue();
    }
  }

  @Test
  void aClientThatNeverReadsCannotMakeTheServerHoldUnboundedReplies() throws Exception {
    try (ServerFixture fixture = new ServerFixture(s -> s.outputHighWaterMark(256 * 1024));
        RawClient good = fixture.connect()) {
      byte[] value = new byte[512 * 1024];
      good.send("set big 0 0 " + value.length + "\r\n").send(value).send("\r\n");
      assertThat(good.line()).isEqualTo("STORED");
      long before = MemcachedServer.ALLOCATOR.metric().usedDirectMemory();

      ExecutorService writer = Executors.newSingleThreadExecutor();
      Socket slow = new Socket("127.0.0.1", fixture.port());
      slow.setReceiveBufferSize(4096);
      try {
        // 4000 replies of 512 KiB: 2 GB if the server buffered them all.
        Future<?> sending =
            writer.submit(
                () -> {
                  OutputStream out = slow.getOutputStream();
                  byte[] gets = "get big\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
                  for (int i = 0; i < 40; i++) {
                    out.write(gets);
                  }
                  out.flush();
                  return null;
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long peak = 0;
        while (System.nanoTime() < deadline) {
          peak = Math.max(peak, MemcachedServer.ALLOCATOR.metric().usedDirectMemory() - before);
          assertThat(good.exchange("version\r\n", 1)).startsWith("VERSION");
        }
        assertThat(peak).isLessThan(64L * 1024 * 1024);
        sending.cancel(true);
      } finally {
        slow.close();
        writer.shutdownNow();
      }
      good.send("get big\r\n");
      assertThat(good.line()).isEqualTo("VALUE big 0 " + value.length);
      assertThat(good.read(value.length + 2)).hasSize(value.length + 2);
      assertThat(good.line()).isEqualTo("END");
    }
  }

  @Test
  void aMultiGetLargerThanTheBoundPausesAndResumesWhereItStopped() throws Exception {
    try (ServerFixture fixture = new ServerFixture(s -> s.outputHighWaterMark(256 * 1024));
        RawClient client = fixture.connect()) {
      byte[] value = new byte[512 * 1024];
      java.util.Arrays.fill(value, (byte) 'x');
      client.send("set big 0 0 " + value.length + "\r\n").send(value).send("\r\n");
      assertThat(client.line()).isEqualTo("STORED");
      long before = MemcachedServer.ALLOCATOR.metric().usedDirectMemory();
      int keys = 200; // 100 MiB of replies to one command
      client.send("get" + " big".repeat(keys) + "\r\nversion\r\n");
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      long peak = 0;
      while (System.nanoTime() < deadline) {
        peak = Math.max(peak, MemcachedServer.ALLOCATOR.metric().usedDirectMemory() - before);
        Thread.onSpinWait();
      }
      assertThat(peak).isLessThan(32L * 1024 * 1024);
      for (int i = 0; i < keys; i++) {
        assertThat(client.line()).isEqualTo("VALUE big 0 " + value.length);
        assertThat(client.read(value.length + 2)).endsWith('x', '\r', '\n');
      }
      assertThat(client.line()).isEqualTo("END");
      assertThat(client.line()).startsWith("VERSION ");
    }
  }
}
