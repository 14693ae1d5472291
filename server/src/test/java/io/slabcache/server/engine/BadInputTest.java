package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BadInputTest {

  private final SlabEngine engine =
      SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).build());

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void keysLongerThan250BytesAreRefusedEverywhere() {
    byte[] key = new byte[251];

    assertThat(engine.set(key, 0, 0, bytes("v")).status()).isEqualTo(StoreStatus.BAD_KEY);
    assertThat(engine.get(key)).isNull();
    assertThat(engine.read(key, ReadOptions.GET)).isNull();
    assertThat(engine.delete(key)).isEqualTo(DeleteStatus.BAD_KEY);
    assertThat(engine.incr(key, 1).status()).isEqualTo(ArithmeticStatus.BAD_KEY);
    assertThat(engine.touch(key, 1)).isEqualTo(TouchStatus.BAD_KEY);
    assertThat(engine.stats().general()).containsEntry("curr_items", "0");
  }

  @Test
  void emptyKeysAreRefused() {
    assertThat(engine.set(new byte[0], 0, 0, bytes("v")).status()).isEqualTo(StoreStatus.BAD_KEY);
    assertThat(engine.get(new byte[0])).isNull();
  }

  @Test
  void valueLargerThanTheItemLimitIsTooLargeAndDropsTheOldValue() {
    engine.set(bytes("k"), 0, 0, bytes("old"));
    engine.set(bytes("other"), 0, 0, bytes("kept"));

    StoreResult result = engine.set(bytes("k"), 0, 0, new byte[EngineConfig.MIB]);

    assertThat(result.status()).isEqualTo(StoreStatus.TOO_LARGE);
    assertThat(engine.get(bytes("k"))).isNull();
    assertThat(valueOf(engine, "other")).isEqualTo("kept");
    assertThat(engine.stats().general()).containsEntry("store_too_large", "1");
  }

  @Test
  void failedAddOrCasKeepsTheOldValue() {
    long cas = engine.set(bytes("k"), 0, 0, bytes("old")).cas();

    assertThat(engine.cas(bytes("k"), 0, 0, new byte[EngineConfig.MIB], cas).status())
        .isEqualTo(StoreStatus.TOO_LARGE);
    assertThat(valueOf(engine, "k")).isEqualTo("old");
  }

  @Test
  void appendBeyondTheItemLimitIsNotStoredAndKeepsTheValue() {
    engine.set(bytes("k"), 0, 0, new byte[600 * 1024]);

    // memcached builds the appended data as an item of its own, then fails to join the two
    assertThat(engine.append(bytes("k"), new byte[600 * 1024]).status())
        .isEqualTo(StoreStatus.NOT_STORED);
    assertThat(engine.get(bytes("k")).value()).hasSize(600 * 1024);
    assertThat(engine.stats().general()).containsEntry("store_too_large", "0");
  }

  @Test
  void appendedDataLargerThanAnyItemIsTooLarge() {
    engine.set(bytes("k"), 0, 0, bytes("old"));

    assertThat(engine.append(bytes("k"), new byte[EngineConfig.MIB]).status())
        .isEqualTo(StoreStatus.TOO_LARGE);
    assertThat(valueOf(engine, "k")).isEqualTo("old");
    assertThat(engine.stats().general()).containsEntry("store_too_large", "1");
  }

  @Test
  void nullRequestPartsAreProgrammingErrors() {
    assertThatThrownBy(() -> StoreRequest.of(StoreMode.SET, null, 0, 0, bytes("v")))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> StoreRequest.of(StoreMode.SET, bytes("k"), 0, 0, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void invalidConfigurationIsRefusedWithTheSettingNamed() {
    assertThatThrownBy(() -> EngineConfig.builder().growthFactor(1.0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("growth factor");
    assertThatThrownBy(() -> EngineConfig.builder().memoryLimit(1000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory limit");
    assertThatThrownBy(() -> EngineConfig.builder().itemSizeMax(100).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item size max");
  }
}
