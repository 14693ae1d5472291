package io.slabcache.server.net;

import static io.slabcache.server.net.ServerStatsTest.statMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server out of file descriptors stops listening, as memcached does when accept() fails with
 * EMFILE, and listens again once a connection has closed. The server runs in a JVM of its own with
 * a low descriptor limit, so that accept() really fails.
 */
class OutOfDescriptorsTest {

  /** Some 20 go to the JVM and the event loops; the rest to connections. */
  private static final int DESCRIPTOR_LIMIT = 128;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void listeningStopsWhileDescriptorsRunOutAndResumesWhenAConnectionCloses(Transport transport)
      throws Exception {
    assumeTrue(transport.isAvailable(), transport + " is not available on this machine");
    List<RawClient> clients = new ArrayList<>();
    try (ChildServer server = ChildServer.start(DESCRIPTOR_LIMIT, transport);
        RawClient control = server.connect()) {
      assertThat(server.stderr()).contains("(" + transport.name().toLowerCase(Locale.ROOT) + ")");
      loadTheClassesTheTestUses(server, control);
      Map<String, String> stats = statMap(control, "stats");
      assertThat(stats)
          .containsEntry("accepting_conns", "1")
          .containsEntry("listen_disabled_num", "0");

      RawClient waiting = null;
      while (waiting == null) {
        assertThat(clients).hasSizeLessThan(DESCRIPTOR_LIMIT);
        RawClient client = server.connect();
        if (accepted(client, control)) {
          clients.add(client);
        } else {
          waiting = client;
        }
      }
      stats = statMap(control, "stats");
      assertThat(stats)
          .containsEntry("accepting_conns", "0")
          .containsEntry("listen_disabled_num", "1")
          .containsEntry("time_in_listen_disabled_us", "0")
          .containsEntry("rejected_connections", "0");
      assertThat(server.stderr())
          .contains("accept(): Too many open files")
          .contains("Too many open connections");

      clients.remove(0).close();
      assertThat(waiting.line()).startsWith("VERSION ");
      clients.add(waiting);
      stats = statMap(control, "stats");
      assertThat(stats)
          .containsEntry("accepting_conns", "1")
          .containsEntry("listen_disabled_num", "1");
      // listening resumes at the first look after the close, 10 ms after it stopped at the soonest
      assertThat(Long.parseLong(stats.get("time_in_listen_disabled_us")))
          .isGreaterThanOrEqualTo(10_000);

      assertThat(control.exchange("stats reset\r\n", 1)).isEqualTo("RESET\r\n");
      assertThat(statMap(control, "stats"))
          .containsEntry("listen_disabled_num", "0")
          .containsEntry("time_in_listen_disabled_us", "0");
    } finally {
      clients.forEach(RawClient::close);
    }
  }

  /**
   * The server loads its classes from the build's directories, one file each, which it could not
   * open once out of descriptors: what the test needs of it later runs once now.
   */
  private static void loadTheClassesTheTestUses(ChildServer server, RawClient control)
      throws InterruptedException {
    statMap(control, "stats");
    assertThat(control.exchange("stats reset\r\n", 1)).isEqualTo("RESET\r\n");
    try (RawClient other = server.connect()) {
      assertThat(other.exchange("version\r\n", 1)).startsWith("VERSION ");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!statMap(control, "stats").get("curr_connections").equals("1")) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /**
   * Whether the server accepts the new connection, which answers {@code version}; if instead accept
   * fails, listening stops and says so. One connection is tried at a time, so the failure is this
   * one's.
   */
  private static boolean accepted(RawClient client, RawClient control) throws InterruptedException {
    client.send("version\r\n");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!client.hasInput()) {
      if (!statMap(control, "stats").get("listen_disabled_num").equals("0")) {
        return false;
      }
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(1);
    }
    assertThat(client.line()).startsWith("VERSION ");
    return true;
  }
}
