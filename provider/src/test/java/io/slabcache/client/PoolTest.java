package io.slabcache.client;

import static io.slabcache.client.MemcachedClientTest.awaitTrue;
import static io.slabcache.client.MemcachedClientTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionFactoryBuilder.Locator;
import net.spy.memcached.DefaultHashAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pool of three stock memcached servers on loopback. */
class PoolTest {

  private MemcachedProcesses servers;
  private ClientConfig config;

  @BeforeEach
  void start() {
    servers = MemcachedProcesses.start(3);
    config =
        ClientConfig.of(servers.addresses())
            .withOperationTimeout(Duration.ofMillis(500))
            .withConnectTimeout(Duration.ofMillis(500))
            .withRetryDelays(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  @Test
  void deleteAllRemovesTheKeysFromTheServerThatHoldsThemWhereverKetamaPlacesThem() {
    List<MemcachedClient> single = new ArrayList<>();
    try (MemcachedClient pool = MemcachedClient.connect(config)) {
      // every server holds every key, as servers of earlier pools might
      for (ServerAddress server : servers.addresses()) {
        MemcachedClient alone = MemcachedClient.connect(ClientConfig.of(List.of(server)));
        single.add(alone);
        for (int i = 0; i < 50; i++) {
          alone.store(StoreMode.SET, bytes("gone:" + i), bytes("v"), 0, 0, 0).join();
        }
        alone.store(StoreMode.SET, bytes("kept:" + server.port()), bytes("v"), 0, 0, 0).join();
      }

      pool.deleteAll(bytes("gone:"));

      for (MemcachedClient alone : single) {
        List<byte[]> left = new ArrayList<>();
        alone.keys(new byte[0], left::add);
        assertThat(left).extracting(String::new).singleElement().asString().startsWith("kept:");
      }
    } finally {
      single.forEach(MemcachedClient::close);
    }
  }

  @Test
  void spymemcachedFindsEveryKeyWhereThisClientPutIt() throws Exception {
    int keys = 3000;
    int[] perServer = new int[3];
    try (MemcachedClient client = MemcachedClient.connect(config)) {
      for (int i = 0; i < keys; i++) {
        byte[] key = bytes("placed:" + i);
        client.store(StoreMode.SET, key, bytes("value " + i), 0, 0, 0).join();
        perServer[servers.indexOf(client.serverFor(key))]++;
      }
    }
    List<InetSocketAddress> addresses =
        servers.addresses().stream().map(s -> new InetSocketAddress(s.host(), s.port())).toList();
    net.spy.memcached.MemcachedClient spy =
        new net.spy.memcached.MemcachedClient(
            new ConnectionFactoryBuilder()
                .setLocatorType(Locator.CONSISTENT)
                .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
                .build(),
            addresses);
    try {
      for (int i = 0; i < keys; i++) {
        assertThat(spy.get("placed:" + i)).as("key %s", i).isEqualTo("value " + i);
      }
    } finally {
      spy.shutdown(5, TimeUnit.SECONDS);
    }
    for (int count : perServer) {
      assertThat(count).isGreaterThan(keys / 10);
    }
  }

  @Test
  void twoClientsSeeEachOthersWrites() {
    try (MemcachedClient a = MemcachedClient.connect(config);
        MemcachedClient b = MemcachedClient.connect(config)) {
      for (int i = 0; i < 200; i++) {
        a.store(StoreMode.SET, bytes("shared:" + i), bytes("from a " + i), 0, 0, 0).join();
      }
      for (int i = 0; i < 200; i++) {
        assertThat(b.get(bytes("shared:" + i)).join().value()).asString().isEqualTo("from a " + i);
      }
      byte[] key = bytes("shared:cas");
      a.store(StoreMode.SET, key, bytes("0"), 0, 0, 0).join();
      long casOfA = a.get(key).join().cas();
      b.store(StoreMode.SET, key, bytes("b"), 0, 0, 0).join();
      assertThat(a.store(StoreMode.SET, key, bytes("a"), 0, 0, casOfA).join())
          .isEqualTo(StoreStatus.EXISTS);
      assertThat(b.delete(key, 0).join()).isEqualTo(DeleteStatus.DELETED);
      assertThat(a.get(key).join()).isNull();
    }
  }

  @Test
  void aServerKilledMidLoadGivesErrorsNeverWrongValuesNorHangsAndReturns() throws Exception {
    int threads = 4;
    int keySpace = 500;
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong longestMillis = new AtomicLong();
    AtomicInteger unavailable = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    List<String> wrong = new ArrayList<>();
    ConcurrentHashMap<ServerAddress, AtomicInteger> failuresPerServer = new ConcurrentHashMap<>();
    ServerAddress victim = servers.address(1);
    try (MemcachedClient client = MemcachedClient.connect(config)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  while (running.get()) {
                    String name = "load:" + random.nextInt(keySpace);
                    byte[] key = bytes(name);
                    long start = System.nanoTime();
                    try {
                      if (random.nextBoolean()) {
                        client
                            .store(
                                StoreMode.SET, key, bytes(name + "=" + random.nextInt()), 0, 0, 0)
                            .join();
                      } else {
                        Item item = client.get(key).join();
                        if (item != null
                            && !new String(item.value(), java.nio.charset.StandardCharsets.UTF_8)
                                .startsWith(name + "=")) {
                          synchronized (wrong) {
                            wrong.add(name);
                          }
                        }
                      }
                      succeeded.incrementAndGet();
                    } catch (CompletionException e) {
                      assertThat(e.getCause()).isInstanceOf(MemcachedException.class);
                      if (e.getCause() instanceof ServerUnavailableException) {
                        unavailable.incrementAndGet();
                      }
                      failuresPerServer
                          .computeIfAbsent(client.serverFor(key), s -> new AtomicInteger())
                          .incrementAndGet();
                    }
                    longestMillis.accumulateAndGet(
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                  }
                  return null;
                }));
      }
      awaitTrue(() -> succeeded.get() > 5_000);
      servers.kill(1);
      awaitTrue(() -> unavailable.get() > 100);
      awaitTrue(() -> !client.isUp(victim));
      int beforeReturn = succeeded.get();
      awaitTrue(() -> succeeded.get() > beforeReturn + 2_000);
      servers.restart(1);
      awaitTrue(() -> client.isUp(victim));
      running.set(false);
      for (Future<?> worker : workers) {
        worker.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(wrong).isEmpty();
      assertThat(failuresPerServer.keySet()).containsOnly(victim);
      assertThat(longestMillis.get())
          .as("no operation waits much beyond the 500 ms timeout")
          .isLessThan(1500);
      // back in the pool, empty: keys it owns are written and read there again
      for (int i = 0; i < keySpace; i++) {
        byte[] key = bytes("load:" + i);
        client.store(StoreMode.SET, key, bytes("after"), 0, 0, 0).join();
        assertThat(client.get(key).join().value()).asString().isEqualTo("after");
      }
    }
  }
}
