package io.slabcache.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import org.junit.jupiter.api.Test;

/** Places keys as spymemcached's {@link KetamaNodeLocator} does, for the same server list. */
class KetamaTest {

  private static final int KEYS = 20_000;

  @Test
  void placesKeysLikeSpymemcachedWithItsNodeKeys() {
    List<ServerAddress> servers =
        List.of(
            new ServerAddress("127.0.0.1", 11211),
            new ServerAddress("127.0.0.1", 11212),
            new ServerAddress("10.1.2.3", 21000));
    assertSamePlacement(
        servers,
        NodeKeyFormat.SPYMEMCACHED,
        KetamaNodeKeyFormatter.Format.SPYMEMCACHED,
        servers.stream().map(s -> new InetSocketAddress(s.host(), s.port())).toList(),
        Map.of());
  }

  @Test
  void placesKeysLikeSpymemcachedWithLibmemcachedNodeKeys() {
    List<ServerAddress> servers =
        List.of(
            new ServerAddress("cache-a", 11211),
            new ServerAddress("cache-b", 11211),
            new ServerAddress("cache-c", 11300),
            new ServerAddress("cache-d", 11211));
    // unresolved, so spymemcached's getHostName() is the configured name
    assertSamePlacement(
        servers,
        NodeKeyFormat.LIBMEMCACHED,
        KetamaNodeKeyFormatter.Format.LIBMEMCACHED,
        servers.stream().map(s -> InetSocketAddress.createUnresolved(s.host(), s.port())).toList(),
        Map.of());
  }

  @Test
  void placesKeysLikeSpymemcachedWithWeights() {
    List<ServerAddress> servers =
        List.of(
            new ServerAddress("127.0.0.1", 20001, 1),
            new ServerAddress("127.0.0.1", 20002, 3),
            new ServerAddress("127.0.0.1", 20003, 2));
    List<InetSocketAddress> sockets =
        servers.stream().map(s -> new InetSocketAddress(s.host(), s.port())).toList();
    Map<InetSocketAddress, Integer> weights = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      weights.put(sockets.get(i), servers.get(i).weight());
    }
    assertSamePlacement(
        servers,
        NodeKeyFormat.SPYMEMCACHED,
        KetamaNodeKeyFormatter.Format.SPYMEMCACHED,
        sockets,
        weights);
  }

  @Test
  void weightsShareTheRingInProportion() {
    List<ServerAddress> servers =
        List.of(new ServerAddress("10.0.0.1", 11211, 1), new ServerAddress("10.0.0.2", 11211, 3));
    Ketama<ServerAddress> ring = Ketama.build(servers, NodeKeyFormat.HOST_PORT, servers);
    int heavy = 0;
    for (int i = 0; i < KEYS; i++) {
      if (ring.ownerOf(key(i)).equals(servers.get(1))) {
        heavy++;
      }
    }
    assertThat(ring.size()).isEqualTo((20 + 60) * 4);
    assertThat((double) heavy / KEYS).isBetween(0.65, 0.85);
  }

  @Test
  void nodeKeysFollowEachClientsFormat() {
    ServerAddress ip = new ServerAddress("127.0.0.1", 11211);
    ServerAddress other = new ServerAddress("cache-a", 11300);
    assertThat(NodeKeyFormat.SPYMEMCACHED.nodeKey(ip)).isEqualTo("127.0.0.1:11211");
    assertThat(NodeKeyFormat.LIBMEMCACHED.nodeKey(ip)).isEqualTo("127.0.0.1");
    assertThat(NodeKeyFormat.LIBMEMCACHED.nodeKey(other)).isEqualTo("cache-a:11300");
    assertThat(NodeKeyFormat.LIBMEMCACHED_SPY.nodeKey(other)).isEqualTo("/cache-a:11300");
    assertThat(NodeKeyFormat.HOST_PORT.nodeKey(ip)).isEqualTo("127.0.0.1:11211");
  }

  private static void assertSamePlacement(
      List<ServerAddress> servers,
      NodeKeyFormat ours,
      KetamaNodeKeyFormatter.Format theirs,
      List<InetSocketAddress> sockets,
      Map<InetSocketAddress, Integer> weights) {
    List<MemcachedNode> nodes = new ArrayList<>();
    for (InetSocketAddress socket : sockets) {
      nodes.add(node(socket));
    }
    KetamaNodeLocator spy =
        new KetamaNodeLocator(nodes, DefaultHashAlgorithm.KETAMA_HASH, theirs, weights);
    Ketama<ServerAddress> ring = Ketama.build(servers, ours, servers);
    int[] perServer = new int[servers.size()];
    for (int i = 0; i < KEYS; i++) {
      byte[] key = key(i);
      MemcachedNode expected = spy.getPrimary(new String(key, StandardCharsets.UTF_8));
      int index = nodes.indexOf(expected);
      assertThat(ring.ownerOf(key)).as("server of key %s", i).isEqualTo(servers.get(index));
      perServer[index]++;
    }
    // a real spread, so the comparison covered every server
    for (int count : perServer) {
      assertThat(count).isGreaterThan(KEYS / servers.size() / 3);
    }
  }

  private static byte[] key(int i) {
    return ("user:" + i + ":profile").getBytes(StandardCharsets.UTF_8);
  }

  private static MemcachedNode node(SocketAddress address) {
    return (MemcachedNode)
        Proxy.newProxyInstance(
            KetamaTest.class.getClassLoader(),
            new Class<?>[] {MemcachedNode.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getSocketAddress" -> address;
                  case "toString" -> "node " + address;
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
