package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.BinaryCommandFactory;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.spy.memcached.AddrUtil;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionFactoryBuilder.Protocol;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * spymemcached and xmemcached, over the text and the binary protocol, run the same script against
 * the server: set, get, multi-get, cas, incr, append, touch, delete, expiry, large values, stats.
 */
class ClientCompatibilityTest {

  private ServerFixture fixture;
  private final byte[] large = new byte[900 * 1024];

  @BeforeEach
  void start() {
    fixture = new ServerFixture();
    new Random(7).nextBytes(large);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void spymemcachedText() throws Exception {
    spymemcached(Protocol.TEXT);
  }

  @Test
  void spymemcachedBinary() throws Exception {
    spymemcached(Protocol.BINARY);
  }

  @Test
  void xmemcachedText() throws Exception {
    xmemcached(false);
  }

  @Test
  void xmemcachedBinary() throws Exception {
    xmemcached(true);
  }

  private void spymemcached(Protocol protocol) throws Exception {
    MemcachedClient client =
        new MemcachedClient(
            new ConnectionFactoryBuilder().setProtocol(protocol).setOpTimeout(5000).build(),
            AddrUtil.getAddresses("127.0.0.1:" + fixture.port()));
    try {
      assertThat(client.set("k", 0, "v1").get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(client.get("k")).isEqualTo("v1");
      assertThat(client.add("k", 0, "other").get()).isFalse();
      client.set("k2", 0, "v2").get();
      Map<String, Object> bulk = client.getBulk(List.of("k", "k2", "missing"));
      assertThat(bulk).containsOnly(Map.entry("k", "v1"), Map.entry("k2", "v2"));

      CASValue<Object> gets = client.gets("k");
      assertThat(client.cas("k", gets.getCas(), "v3")).isEqualTo(CASResponse.OK);
      assertThat(client.cas("k", gets.getCas(), "v4")).isEqualTo(CASResponse.EXISTS);
      assertThat(client.get("k")).isEqualTo("v3");

      assertThat(client.incr("counter", 5, 10)).isEqualTo(10);
      assertThat(client.incr("counter", 5, 10)).isEqualTo(15);
      assertThat(client.decr("counter", 20)).isZero();

      assertThat(client.append(0, "k", "-tail").get()).isTrue();
      assertThat(client.prepend(0, "k", "head-").get()).isTrue();
      assertThat(client.get("k")).isEqualTo("head-v3-tail");

      client.set("short", 10, "lives").get();
      assertThat(client.touch("short", 100).get()).isTrue();
      fixture.clock.advanceSeconds(50);
      assertThat(client.get("short")).isEqualTo("lives");
      fixture.clock.advanceSeconds(60);
      assertThat(client.get("short")).isNull();

      assertThat(client.delete("k2").get()).isTrue();
      assertThat(client.get("k2")).isNull();
      assertThat(client.delete("k2").get()).isFalse();

      assertThat(client.set("large", 0, large).get()).isTrue();
      assertThat((byte[]) client.get("large")).isEqualTo(large);

      Map<java.net.SocketAddress, Map<String, String>> stats = client.getStats();
      Map<String, String> serverStats = stats.values().iterator().next();
      assertThat(serverStats).containsKeys("curr_items", "get_hits", "cmd_set");
      assertThat(client.getVersions().values()).containsExactly("1.6.38");
    } finally {
      client.shutdown(5, TimeUnit.SECONDS);
    }
  }

  private void xmemcached(boolean binary) throws Exception {
    XMemcachedClientBuilder builder =
        new XMemcachedClientBuilder(List.of(new InetSocketAddress("127.0.0.1", fixture.port())));
    builder.setCommandFactory(binary ? new BinaryCommandFactory() : new TextCommandFactory());
    builder.setConnectTimeout(5000);
    builder.setOpTimeout(5000);
    net.rubyeye.xmemcached.MemcachedClient client = builder.build();
    try {
      assertThat(client.set("k", 0, "v1")).isTrue();
      assertThat(client.<String>get("k")).isEqualTo("v1");
      assertThat(client.add("k", 0, "other")).isFalse();
      client.set("k2", 0, "v2");
      Map<String, String> multi = client.get(Arrays.asList("k", "k2", "missing"));
      assertThat(multi).containsOnly(Map.entry("k", "v1"), Map.entry("k2", "v2"));

      GetsResponse<String> gets = client.gets("k");
      assertThat(client.cas("k", 0, "v3", gets.getCas())).isTrue();
      assertThat(client.cas("k", 0, "v4", gets.getCas())).isFalse();
      assertThat(client.<String>get("k")).isEqualTo("v3");

      assertThat(client.incr("counter", 5, 10)).isEqualTo(10);
      assertThat(client.incr("counter", 5, 10)).isEqualTo(15);
      assertThat(client.decr("counter", 20)).isZero();

      assertThat(client.append("k", "-tail")).isTrue();
      assertThat(client.prepend("k", "head-")).isTrue();
      assertThat(client.<String>get("k")).isEqualTo("head-v3-tail");

      client.set("short", 10, "lives");
      assertThat(client.touch("short", 100)).isTrue();
      fixture.clock.advanceSeconds(50);
      assertThat(client.<String>get("short")).isEqualTo("lives");
      fixture.clock.advanceSeconds(60);
      assertThat(client.<String>get("short")).isNull();

      assertThat(client.delete("k2")).isTrue();
      assertThat(client.<String>get("k2")).isNull();
      assertThat(client.delete("k2")).isFalse();

      assertThat(client.set("large", 0, large)).isTrue();
      assertThat(client.<byte[]>get("large")).isEqualTo(large);

      Map<InetSocketAddress, Map<String, String>> stats = client.getStats();
      assertThat(stats.values().iterator().next()).containsKeys("curr_items", "get_hits");
      assertThat(client.getVersions().values()).containsExactly("1.6.38");
    } finally {
      client.shutdown();
    }
  }
}
