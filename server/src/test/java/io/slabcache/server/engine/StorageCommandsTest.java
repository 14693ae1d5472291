package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.text;
import static io.slabcache.server.engine.EngineTestSupport.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StorageCommandsTest {

  private final ManualClock clock = new ManualClock();
  private final SlabEngine engine =
      SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(16).clock(clock).build());

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void setThenGetReturnsValueFlagsAndCas() {
    StoreResult stored = engine.set(bytes("k"), 0xdeadbeef, 0, bytes("hello"));

    ItemView item = engine.get(bytes("k"));

    assertThat(stored.status()).isEqualTo(StoreStatus.STORED);
    assertThat(text(item.value())).isEqualTo("hello");
    assertThat(item.flags()).isEqualTo(0xdeadbeef);
    assertThat(item.cas()).isEqualTo(stored.cas()).isPositive();
    assertThat(item.ttl()).isEqualTo(-1);
  }

  @Test
  void missReturnsNull() {
    assertThat(engine.get(bytes("absent"))).isNull();
  }

  @Test
  void everyModificationDrawsANewCas() {
    long first = engine.set(bytes("k"), 0, 0, bytes("1")).cas();
    long second = engine.set(bytes("k"), 0, 0, bytes("2")).cas();
    long third = engine.append(bytes("k"), bytes("3")).cas();
    long fourth = engine.incr(bytes("k"), 1).cas();

    assertThat(new long[] {first, second, third, fourth}).doesNotHaveDuplicates();
  }

  @Test
  void addStoresOnlyWhenAbsent() {
    assertThat(engine.add(bytes("k"), 0, 0, bytes("a")).status()).isEqualTo(StoreStatus.STORED);
    assertThat(engine.add(bytes("k"), 0, 0, bytes("b")).status()).isEqualTo(StoreStatus.NOT_STORED);
    assertThat(valueOf(engine, "k")).isEqualTo("a");
  }

  @Test
  void addSucceedsOverAnExpiredItem() {
    engine.set(bytes("k"), 0, 10, bytes("old"));
    clock.advanceSeconds(11);

    assertThat(engine.add(bytes("k"), 0, 0, bytes("new")).status()).isEqualTo(StoreStatus.STORED);
    assertThat(valueOf(engine, "k")).isEqualTo("new");
  }

  @Test
  void replaceStoresOnlyWhenPresent() {
    assertThat(engine.replace(bytes("k"), 0, 0, bytes("a")).status())
        .isEqualTo(StoreStatus.NOT_STORED);
    engine.set(bytes("k"), 0, 0, bytes("a"));
    assertThat(engine.replace(bytes("k"), 7, 0, bytes("b")).status()).isEqualTo(StoreStatus.STORED);
    assertThat(engine.get(bytes("k")).flags()).isEqualTo(7);
  }

  @Test
  void appendAndPrependKeepFlagsAndExptime() {
    engine.set(bytes("k"), 42, 100, bytes("mid"));

    engine.append(bytes("k"), bytes("-end"));
    engine.prepend(bytes("k"), bytes("start-"));
    ItemView item = engine.get(bytes("k"));

    assertThat(text(item.value())).isEqualTo("start-mid-end");
    assertThat(item.flags()).isEqualTo(42);
    assertThat(item.ttl()).isEqualTo(100);
  }

  @Test
  void appendToMissingKeyIsNotStored() {
    assertThat(engine.append(bytes("k"), bytes("x")).status()).isEqualTo(StoreStatus.NOT_STORED);
    assertThat(engine.prepend(bytes("k"), bytes("x")).status()).isEqualTo(StoreStatus.NOT_STORED);
    assertThat(engine.get(bytes("k"))).isNull();
  }

  @Test
  void casStoresOnlyWithTheCurrentUnique() {
    long cas = engine.set(bytes("k"), 0, 0, bytes("v1")).cas();

    assertThat(engine.cas(bytes("k"), 0, 0, bytes("v2"), cas + 1).status())
        .isEqualTo(StoreStatus.EXISTS);
    StoreResult swapped = engine.cas(bytes("k"), 0, 0, bytes("v2"), cas);
    assertThat(swapped.status()).isEqualTo(StoreStatus.STORED);
    assertThat(engine.cas(bytes("k"), 0, 0, bytes("v3"), cas).status())
        .isEqualTo(StoreStatus.EXISTS);
    assertThat(engine.cas(bytes("absent"), 0, 0, bytes("v"), cas).status())
        .isEqualTo(StoreStatus.NOT_FOUND);
    assertThat(valueOf(engine, "k")).isEqualTo("v2");
    assertThat(engine.stats().general())
        .containsEntry("cas_hits", "1")
        .containsEntry("cas_badval", "2")
        .containsEntry("cas_misses", "1");
  }

  @Test
  void deleteRemovesAndReportsMisses() {
    engine.set(bytes("k"), 0, 0, bytes("v"));

    assertThat(engine.delete(bytes("k"))).isEqualTo(DeleteStatus.DELETED);
    assertThat(engine.delete(bytes("k"))).isEqualTo(DeleteStatus.NOT_FOUND);
    assertThat(engine.get(bytes("k"))).isNull();
  }

  @Test
  void deleteWithCasRemovesOnlyTheExpectedVersion() {
    long cas = engine.set(bytes("k"), 0, 0, bytes("v")).cas();

    assertThat(engine.delete(DeleteRequest.of(bytes("k")).withCompareCas(cas + 5)).status())
        .isEqualTo(DeleteStatus.EXISTS);
    assertThat(valueOf(engine, "k")).isEqualTo("v");
    assertThat(engine.delete(DeleteRequest.of(bytes("k")).withCompareCas(cas)).status())
        .isEqualTo(DeleteStatus.DELETED);
  }

  @Test
  void touchAndGetAndTouchChangeTheTtl() {
    engine.set(bytes("k"), 0, 10, bytes("v"));

    assertThat(engine.touch(bytes("k"), 100)).isEqualTo(TouchStatus.TOUCHED);
    clock.advanceSeconds(50);
    assertThat(valueOf(engine, "k")).isEqualTo("v");
    ItemView touched = engine.getAndTouch(bytes("k"), 5);
    assertThat(touched.ttl()).isEqualTo(5);
    clock.advanceSeconds(6);
    assertThat(engine.get(bytes("k"))).isNull();
    assertThat(engine.touch(bytes("k"), 100)).isEqualTo(TouchStatus.NOT_FOUND);
    assertThat(engine.getAndTouch(bytes("k"), 100)).isNull();
  }

  @Test
  void emptyValuesAreStored() {
    engine.set(bytes("k"), 0, 0, new byte[0]);

    assertThat(engine.get(bytes("k")).value()).isEmpty();
  }

  @Test
  void binaryKeysAndValuesRoundTrip() {
    byte[] key = new byte[250];
    byte[] value = new byte[1000];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (i * 7);
    }

    engine.set(key, 0, 0, value);

    assertThat(engine.get(key).value()).isEqualTo(value);
  }
}
