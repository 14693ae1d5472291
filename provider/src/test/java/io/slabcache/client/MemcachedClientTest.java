package io.slabcache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The meta operations against one stock memcached. */
class MemcachedClientTest {

  private static MemcachedProcesses servers;
  private static MemcachedClient client;

  @BeforeAll
  static void start() {
    servers = MemcachedProcesses.start(1);
    client = MemcachedClient.connect(ClientConfig.of(servers.addresses()));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void setThenGetReturnsValueFlagsAndCas() {
    byte[] key = bytes("plain:key");
    assertThat(client.store(StoreMode.SET, key, bytes("one"), 42, 0, 0).join())
        .isEqualTo(StoreStatus.STORED);
    Item item = client.get(key).join();
    assertThat(item.value()).asString().isEqualTo("one");
    assertThat(item.flags()).isEqualTo(42);
    assertThat(item.cas()).isPositive();
    assertThat(item.won()).isFalse();
  }

  @Test
  void missIsNull() {
    assertThat(client.get(bytes("never:stored")).join()).isNull();
  }

  @Test
  void binaryKeysTravelInBase64AndMeetTheirPlainTwin() {
    byte[] binary = {0, 1, 2, ' ', '\r', '\n', (byte) 0xFF, 'k'};
    client.store(StoreMode.SET, binary, bytes("bin"), 0, 0, 0).join();
    assertThat(client.get(binary).join().value()).asString().isEqualTo("bin");
    // a printable key goes as is; the same bytes in base64 are the same item
    byte[] printable = bytes("twin");
    client.store(StoreMode.SET, printable, bytes("v"), 0, 0, 0).join();
    assertThat(client.delete(printable, 0).join()).isEqualTo(DeleteStatus.DELETED);
  }

  @Test
  void longestKeysAreAcceptedAndLongerOnesRefusedBeforeSending() {
    byte[] printable = bytes("p".repeat(250));
    byte[] binary = new byte[MemcachedClient.maxBinaryKeyLength()];
    binary[0] = 1;
    client.store(StoreMode.SET, printable, bytes("a"), 0, 0, 0).join();
    client.store(StoreMode.SET, binary, bytes("b"), 0, 0, 0).join();
    assertThat(client.get(printable).join().value()).asString().isEqualTo("a");
    assertThat(client.get(binary).join().value()).asString().isEqualTo("b");
    assertThatThrownBy(() -> client.get(bytes("p".repeat(251))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.get(new byte[binary.length + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.get(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    // the connection is still in step
    assertThat(client.get(printable).join().value()).asString().isEqualTo("a");
  }

  @Test
  void addReplaceAndCasFollowMemcached() {
    byte[] key = bytes("modes");
    assertThat(client.store(StoreMode.REPLACE, key, bytes("r"), 0, 0, 0).join())
        .isEqualTo(StoreStatus.NOT_STORED);
    assertThat(client.store(StoreMode.ADD, key, bytes("a"), 0, 0, 0).join())
        .isEqualTo(StoreStatus.STORED);
    assertThat(client.store(StoreMode.ADD, key, bytes("b"), 0, 0, 0).join())
        .isEqualTo(StoreStatus.NOT_STORED);
    long cas = client.get(key).join().cas();
    assertThat(client.store(StoreMode.SET, key, bytes("c"), 0, 0, cas + 1000).join())
        .isEqualTo(StoreStatus.EXISTS);
    assertThat(client.store(StoreMode.SET, key, bytes("c"), 0, 0, cas).join())
        .isEqualTo(StoreStatus.STORED);
    assertThat(client.delete(key, cas).join()).isEqualTo(DeleteStatus.EXISTS);
    long newCas = client.get(key).join().cas();
    assertThat(client.delete(key, newCas).join()).isEqualTo(DeleteStatus.DELETED);
    assertThat(client.store(StoreMode.SET, key, bytes("d"), 0, 0, newCas).join())
        .isEqualTo(StoreStatus.NOT_FOUND);
    assertThat(client.delete(key, 0).join()).isEqualTo(DeleteStatus.NOT_FOUND);
  }

  @Test
  void touchAndGetAndTouchChangeTheExptime() {
    byte[] key = bytes("touched");
    assertThat(client.touch(key, 100).join()).isFalse();
    client.store(StoreMode.SET, key, bytes("t"), 0, 0, 0).join();
    assertThat(client.touch(key, 100).join()).isTrue();
    assertThat(client.getAndTouch(key, -1).join().value()).asString().isEqualTo("t");
    assertThat(client.get(key).join()).isNull();
  }

  @Test
  void incrementsDecimalValuesOnly() {
    byte[] key = bytes("counter");
    assertThat(client.incr(key, 1).join()).isNull();
    client.store(StoreMode.SET, key, bytes("41"), 0, 0, 0).join();
    assertThat(client.incr(key, 1).join()).isEqualTo(42L);
    client.store(StoreMode.SET, key, bytes("18446744073709551615"), 0, 0, 0).join();
    assertThat(client.incr(key, 2).join()).isEqualTo(1L);
    client.store(StoreMode.SET, key, bytes("text"), 0, 0, 0).join();
    assertThat(client.incr(key, 1).join()).isNull();
  }

  @Test
  void tooLargeValueIsReportedAndTheConnectionStaysInStep() {
    byte[] key = bytes("big");
    assertThat(client.store(StoreMode.SET, key, new byte[2 * 1024 * 1024], 0, 0, 0).join())
        .isEqualTo(StoreStatus.TOO_LARGE);
    client.store(StoreMode.SET, key, bytes("small"), 0, 0, 0).join();
    assertThat(client.get(key).join().value()).asString().isEqualTo("small");
  }

  @Test
  void vivifyLetsOneCallerWin() {
    byte[] key = bytes("vivified");
    Item first = client.vivify(key, 30).join();
    Item second = client.vivify(key, 30).join();
    assertThat(first.won()).isTrue();
    assertThat(first.value()).isEmpty();
    assertThat(second.won()).isFalse();
    assertThat(second.wonByOther()).isTrue();
  }

  @Test
  void pipelinedRepliesReachTheirOwnRequests() {
    List<CompletableFuture<StoreStatus>> writes = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      writes.add(client.store(StoreMode.SET, bytes("pipe:" + i), bytes("v" + i), 0, 0, 0));
    }
    writes.forEach(CompletableFuture::join);
    List<CompletableFuture<Item>> reads = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      reads.add(client.get(bytes("pipe:" + i)));
    }
    for (int i = 0; i < 2000; i++) {
      assertThat(reads.get(i).join().value()).asString().isEqualTo("v" + i);
    }
  }

  @Test
  void keysEnumeratesByPrefixWithBinaryKeysDecoded() {
    byte[] prefix = {7, 'n', 's', 0};
    List<byte[]> stored = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] key = {7, 'n', 's', 0, (byte) i, '%', ' ', (byte) 0xE9};
      stored.add(key);
      client.store(StoreMode.SET, key, bytes("x"), 0, 0, 0).join();
    }
    client.store(StoreMode.SET, new byte[] {7, 'n', 's', 1}, bytes("other"), 0, 0, 0).join();
    List<byte[]> seen = new ArrayList<>();
    client.keys(prefix, seen::add);
    assertThat(seen).usingElementComparator(java.util.Arrays::compare).hasSameElementsAs(stored);
  }

  @Test
  void keysSeesItemsThatAreReadDuringTheEnumeration() throws Exception {
    byte[] prefix = bytes("busy:");
    List<byte[]> stored = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] key = bytes("busy:" + i);
      stored.add(key);
      client.store(StoreMode.SET, key, bytes("x"), 0, 0, 0).join();
    }
    java.util.concurrent.atomic.AtomicBoolean reading =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread reader =
        new Thread(
            () -> {
              while (reading.get()) {
                List<CompletableFuture<Item>> reads = new ArrayList<>();
                stored.forEach(key -> reads.add(client.get(key)));
                reads.forEach(CompletableFuture::join);
              }
            });
    reader.start();
    try {
      for (int pass = 0; pass < 20; pass++) {
        List<byte[]> seen = new ArrayList<>();
        client.keys(prefix, seen::add);
        assertThat(seen)
            .as("pass %s", pass)
            .usingElementComparator(java.util.Arrays::compare)
            .hasSameElementsAs(stored);
      }
    } finally {
      reading.set(false);
      reader.join();
    }
  }

  @Test
  void statsOfEveryServer() {
    assertThat(client.stats().get(servers.address(0))).containsKey("curr_items");
  }

  @Test
  void tooManyRequestsInFlightFailWithOverload() {
    try (MemcachedClient small =
        MemcachedClient.connect(ClientConfig.of(servers.addresses()).withMaxOutstanding(4))) {
      List<CompletableFuture<Item>> reads = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        reads.add(small.get(bytes("overload:" + i)));
      }
      long overloaded =
          reads.stream()
              .filter(
                  f -> {
                    try {
                      f.join();
                      return false;
                    } catch (CompletionException e) {
                      assertThat(e.getCause()).isInstanceOf(OverloadedException.class);
                      return true;
                    }
                  })
              .count();
      assertThat(overloaded).isPositive();
      // the connection serves again once the flight has landed
      assertThat(small.get(bytes("overload:0")).join()).isNull();
    }
  }

  @Test
  void unansweredRequestsTimeOutAndTheServerIsEjectedAndReturns() throws Exception {
    try (MemcachedProcesses own = MemcachedProcesses.start(1);
        MemcachedClient paused =
            MemcachedClient.connect(
                ClientConfig.of(own.addresses())
                    .withOperationTimeout(Duration.ofMillis(200))
                    .withConnectTimeout(Duration.ofMillis(200))
                    .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(200)))) {
      byte[] key = bytes("frozen");
      paused.store(StoreMode.SET, key, bytes("v"), 0, 0, 0).join();
      own.pause(0);
      try {
        for (int i = 0; i < 3; i++) {
          long start = System.nanoTime();
          CompletableFuture<Item> read = paused.get(key);
          assertThatThrownBy(read::join).hasCauseInstanceOf(OperationTimeoutException.class);
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
        // three timeouts in a row eject the server: requests now fail at once
        awaitTrue(() -> !paused.isUp(own.address(0)));
        assertThatThrownBy(() -> paused.get(key).join())
            .hasCauseInstanceOf(ServerUnavailableException.class);
      } finally {
        own.resume(0);
      }
      awaitTrue(() -> paused.isUp(own.address(0)));
      assertThat(paused.get(key).get(1, TimeUnit.SECONDS).value()).asString().isEqualTo("v");
    }
  }

  @Test
  void requestsInFlightWhenTheServerDiesAllComplete() throws Exception {
    try (MemcachedProcesses own = MemcachedProcesses.start(1);
        MemcachedClient dying =
            MemcachedClient.connect(
                ClientConfig.of(own.addresses()).withOperationTimeout(Duration.ofMillis(500)))) {
      byte[] key = bytes("dying");
      dying.store(StoreMode.SET, key, bytes("v"), 0, 0, 0).join();
      List<CompletableFuture<Item>> reads = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        reads.add(dying.get(key));
      }
      own.kill(0);
      CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .get(2, TimeUnit.SECONDS);
      for (CompletableFuture<Item> read : reads) {
        try {
          assertThat(read.join().value()).asString().isEqualTo("v");
        } catch (CompletionException e) {
          assertThat(e.getCause())
              .isInstanceOfAny(ServerUnavailableException.class, OperationTimeoutException.class);
        }
      }
    }
  }

  @Test
  void closingTheClientCompletesWhatIsInFlight() throws Exception {
    MemcachedClient closing = MemcachedClient.connect(ClientConfig.of(servers.addresses()));
    List<CompletableFuture<Item>> reads = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      reads.add(closing.get(bytes("closing")));
    }
    closing.close();
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .get(2, TimeUnit.SECONDS);
    assertThatThrownBy(() -> closing.get(bytes("closing")).join())
        .hasCauseInstanceOf(ServerUnavailableException.class);
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition met within 10 s").isNegative();
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
