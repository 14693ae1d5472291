package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Items larger than the largest chunk are stored across several chunks, as memcached does. */
class LargeItemTest {

  private final SlabEngine engine =
      SlabEngine.start(
          EngineConfig.builder()
              .memoryLimitMegabytes(32)
              .itemSizeMax(4 * EngineConfig.MIB)
              .build());

  @AfterEach
  void close() {
    engine.close();
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  @ParameterizedTest
  @ValueSource(
      ints = {512 * 1024 - 100, 512 * 1024, 700_000, EngineConfig.MIB, 3 * EngineConfig.MIB})
  void valuesOfEverySizeRoundTrip(int size) {
    byte[] value = randomBytes(size, size);

    assertThat(engine.set(bytes("big"), 1, 0, value).status()).isEqualTo(StoreStatus.STORED);

    assertThat(engine.get(bytes("big")).value()).isEqualTo(value);
  }

  @Test
  void appendAcrossChunkBoundaries() {
    byte[] first = randomBytes(500_000, 1);
    byte[] second = randomBytes(700_000, 2);
    engine.set(bytes("big"), 0, 0, first);

    engine.append(bytes("big"), second);

    byte[] stored = engine.get(bytes("big")).value();
    assertThat(stored).hasSize(1_200_000);
    assertThat(java.util.Arrays.copyOfRange(stored, 0, 500_000)).isEqualTo(first);
    assertThat(java.util.Arrays.copyOfRange(stored, 500_000, 1_200_000)).isEqualTo(second);
  }

  @Test
  void replacingAndDeletingLargeItemsGivesTheMemoryBack() {
    for (int round = 0; round < 50; round++) {
      engine.set(bytes("big"), 0, 0, randomBytes(2 * EngineConfig.MIB, round));
    }
    engine.delete(bytes("big"));

    assertThat(engine.stats().general()).containsEntry("bytes", "0");
    byte[] value = randomBytes(3 * EngineConfig.MIB, 99);
    assertThat(engine.set(bytes("big"), 0, 0, value).status()).isEqualTo(StoreStatus.STORED);
    assertThat(engine.get(bytes("big")).value()).isEqualTo(value);
  }

  @Test
  void manyLargeItemsEvictEachOtherWithoutCorruption() {
    for (int i = 0; i < 40; i++) {
      StoreResult result = engine.set(bytes("big" + i), 0, 0, randomBytes(EngineConfig.MIB, i));
      assertThat(result.status()).isEqualTo(StoreStatus.STORED);
    }
    int found = 0;
    for (int i = 0; i < 40; i++) {
      ItemView item = engine.get(bytes("big" + i));
      if (item != null) {
        found++;
        assertThat(item.value()).isEqualTo(randomBytes(EngineConfig.MIB, i));
      }
    }
    assertThat(found).isBetween(1, 31);
    assertThat(Long.parseLong(engine.stats().slabs().get("total_malloced")))
        .isLessThanOrEqualTo(32L * EngineConfig.MIB);
  }
}
