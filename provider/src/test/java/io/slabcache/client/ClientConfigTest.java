package io.slabcache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

  @Test
  void aUriListsTheServers() {
    ClientConfig config = ClientConfig.fromUri(URI.create("memcached://127.0.0.1:11211,cache-b"));
    assertThat(config.servers())
        .containsExactly(
            new ServerAddress("127.0.0.1", 11211), new ServerAddress("cache-b", 11211));
    assertThat(config).isEqualTo(ClientConfig.of(config.servers()));
  }

  @Test
  void theQueryChangesSettings() {
    ClientConfig config =
        ClientConfig.fromUri(
            URI.create(
                "memcached://a:1:2,b:2?timeout=250&connectTimeout=300&retryMin=5&retryMax=50"
                    + "&maxOutstanding=10&failureThreshold=7&ioThreads=1"
                    + "&nodeKeyFormat=libmemcached"));
    assertThat(config.servers())
        .containsExactly(new ServerAddress("a", 1, 2), new ServerAddress("b", 2));
    assertThat(config.operationTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(config.minRetryDelay()).isEqualTo(Duration.ofMillis(5));
    assertThat(config.maxRetryDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.maxOutstanding()).isEqualTo(10);
    assertThat(config.failureThreshold()).isEqualTo(7);
    assertThat(config.ioThreads()).isEqualTo(1);
    assertThat(config.nodeKeyFormat()).isEqualTo(NodeKeyFormat.LIBMEMCACHED);
  }

  @Test
  void badUrisAreRefused() {
    for (String uri :
        List.of(
            "slabcache:embedded",
            "memcached://a:1?timeout",
            "memcached://a:1?speed=3",
            "memcached://a:1?timeout=soon",
            "memcached://a:1?timeout=0",
            "memcached://a:1,a:1",
            "memcached://a:1?nodeKeyFormat=folsom")) {
      assertThatThrownBy(() -> ClientConfig.fromUri(URI.create(uri)))
          .as(uri)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
