package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.text;
import static io.slabcache.server.engine.EngineTestSupport.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetaOperationsTest {

  private final ManualClock clock = new ManualClock();
  private final SlabEngine engine =
      SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).clock(clock).build());

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void vivifyOnMissCreatesAnEmptyItemAndHandsOutTheWinOnce() {
    ReadOptions vivify = ReadOptions.GET.withVivify(30);

    ItemView first = engine.read(bytes("k"), vivify);
    ItemView second = engine.read(bytes("k"), vivify);

    assertThat(first.won()).isTrue();
    assertThat(first.alreadyWon()).isFalse();
    assertThat(first.value()).isEmpty();
    assertThat(first.ttl()).isEqualTo(30);
    assertThat(second.won()).isFalse();
    assertThat(second.alreadyWon()).isTrue();
  }

  @Test
  void vivifyGivesTheCreatedItemAnExplicitCas() {
    ItemView created = engine.read(bytes("k"), ReadOptions.GET.withVivify(30).withNewCas(4242));

    assertThat(created.cas()).isEqualTo(4242);
    assertThat(engine.set(bytes("other"), 0, 0, bytes("v")).cas()).isGreaterThan(4242);
  }

  @Test
  void keysOfEveryLengthAreFoundByContent() {
    for (int length = 1; length <= SlabEngine.MAX_KEY_LENGTH; length++) {
      byte[] key = new byte[length];
      java.util.Arrays.fill(key, (byte) 'k');
      key[length - 1] = (byte) length;
      engine.set(key, length, 0, bytes("v"));
    }
    for (int length = 1; length <= SlabEngine.MAX_KEY_LENGTH; length++) {
      byte[] key = new byte[length];
      java.util.Arrays.fill(key, (byte) 'k');
      key[length - 1] = (byte) length;
      assertThat(engine.get(key).flags()).isEqualTo(length);
      key[0] ^= 1;
      assertThat(engine.get(key)).as("a key differing in its first byte").isNull();
    }
  }

  @Test
  void storingOverAWonItemClearsTheToken() {
    engine.read(bytes("k"), ReadOptions.GET.withVivify(30));

    engine.set(bytes("k"), 0, 0, bytes("fresh"));
    ItemView item = engine.read(bytes("k"), ReadOptions.GET.withVivify(30));

    assertThat(text(item.value())).isEqualTo("fresh");
    assertThat(item.won()).isFalse();
    assertThat(item.alreadyWon()).isFalse();
  }

  @Test
  void recacheWinsWhenTheTtlIsBelowTheThreshold() {
    engine.set(bytes("k"), 0, 100, bytes("v"));

    ItemView early = engine.read(bytes("k"), ReadOptions.GET.withRecacheBelow(30));
    clock.advanceSeconds(80);
    ItemView late = engine.read(bytes("k"), ReadOptions.GET.withRecacheBelow(30));
    ItemView later = engine.read(bytes("k"), ReadOptions.GET.withRecacheBelow(30));

    assertThat(early.won()).isFalse();
    assertThat(late.won()).isTrue();
    assertThat(later.won()).isFalse();
    assertThat(later.alreadyWon()).isTrue();
  }

  @Test
  void invalidateMarksStaleBumpsCasAndWinsTheNextRead() {
    long cas = engine.set(bytes("k"), 0, 0, bytes("v")).cas();

    DeleteStatus status = engine.delete(DeleteRequest.of(bytes("k")).withInvalidate(30)).status();
    ItemView stale = engine.read(bytes("k"), ReadOptions.GET);
    ItemView again = engine.read(bytes("k"), ReadOptions.GET);

    assertThat(status).isEqualTo(DeleteStatus.DELETED);
    assertThat(stale.stale()).isTrue();
    assertThat(stale.cas()).isGreaterThan(cas);
    assertThat(stale.ttl()).isEqualTo(30);
    assertThat(text(stale.value())).isEqualTo("v");
    assertThat(stale.won()).isTrue();
    assertThat(again.won()).isFalse();
    assertThat(again.alreadyWon()).isTrue();
  }

  @Test
  void dropValueKeepsAnEmptyItem() {
    engine.set(bytes("k"), 9, 0, bytes("value"));

    engine.delete(DeleteRequest.of(bytes("k")).withDropValue(true));
    ItemView item = engine.get(bytes("k"));

    assertThat(item.value()).isEmpty();
    assertThat(item.flags()).isEqualTo(9);
  }

  @Test
  void setWithInvalidateAcceptsAnOlderCasButMarksTheItemStale() {
    long cas = engine.set(bytes("k"), 0, 0, bytes("v1")).cas();
    engine.set(bytes("k"), 0, 0, bytes("v2"));

    StoreResult result =
        engine.store(
            StoreRequest.of(StoreMode.SET, bytes("k"), 0, 0, bytes("v3"))
                .withCompareCas(cas)
                .withInvalidate(true));
    ItemView item = engine.read(bytes("k"), ReadOptions.GET);

    assertThat(result.status()).isEqualTo(StoreStatus.STORED);
    assertThat(text(item.value())).isEqualTo("v3");
    assertThat(item.stale()).isTrue();
  }

  @Test
  void aValueStoredStaleKeepsTheOldExptimeAndRecacheToken() {
    long cas = engine.set(bytes("k"), 0, 100, bytes("v1")).cas();
    engine.delete(DeleteRequest.of(bytes("k")).withInvalidate(30));
    assertThat(engine.read(bytes("k"), ReadOptions.GET).won()).isTrue();

    StoreResult result =
        engine.store(
            StoreRequest.of(StoreMode.SET, bytes("k"), 0, 500, bytes("v2"))
                .withCompareCas(cas)
                .withInvalidate(true));
    ItemView item = engine.read(bytes("k"), ReadOptions.GET);

    assertThat(result.ttl()).isEqualTo(30);
    assertThat(text(item.value())).isEqualTo("v2");
    assertThat(item.stale()).isTrue();
    assertThat(item.ttl()).isEqualTo(30);
    assertThat(item.won()).isFalse();
    assertThat(item.alreadyWon()).isTrue();
  }

  @Test
  void explicitCasIsUsedAndLaterCasesAreAboveIt() {
    StoreResult result =
        engine.store(
            StoreRequest.of(StoreMode.SET, bytes("k"), 0, 0, bytes("v")).withNewCas(1_000_000));

    long next = engine.set(bytes("other"), 0, 0, bytes("v")).cas();

    assertThat(result.cas()).isEqualTo(1_000_000);
    assertThat(engine.get(bytes("k")).cas()).isEqualTo(1_000_000);
    assertThat(next).isGreaterThan(1_000_000);
  }

  @Test
  void appendWithVivifyCreatesTheItemOnAMiss() {
    StoreResult result =
        engine.store(
            StoreRequest.of(StoreMode.APPEND, bytes("k"), 3, 0, bytes("x")).withVivify(60));

    ItemView item = engine.get(bytes("k"));
    assertThat(result.status()).isEqualTo(StoreStatus.STORED);
    assertThat(text(item.value())).isEqualTo("x");
    assertThat(item.ttl()).isEqualTo(60);
  }

  @Test
  void peekReadsMetadataWithoutCountingAnAccess() {
    engine.set(bytes("k"), 0, 0, bytes("v"));
    clock.advanceSeconds(5);
    long setAt = clock.unixSeconds() - 5;

    ItemView peeked = engine.read(bytes("k"), ReadOptions.PEEK);
    ItemView firstRead = engine.read(bytes("k"), ReadOptions.GET);
    ItemView secondRead = engine.read(bytes("k"), ReadOptions.GET);
    ItemView thirdRead = engine.read(bytes("k"), ReadOptions.GET);

    assertThat(peeked.value()).isNull();
    assertThat(peeked.fetchedBefore()).isFalse();
    assertThat(peeked.lastAccess()).isEqualTo(setAt);
    assertThat(firstRead.fetchedBefore()).isFalse();
    assertThat(secondRead.fetchedBefore()).isTrue();
    // as memcached's, the access time moves when a read makes the item active: the second
    assertThat(secondRead.lastAccess()).isEqualTo(setAt);
    assertThat(thirdRead.lastAccess()).isEqualTo(clock.unixSeconds());
  }

  @Test
  void readWithTouchUpdatesTheTtl() {
    engine.set(bytes("k"), 0, 10, bytes("v"));

    ItemView item = engine.read(bytes("k"), ReadOptions.GET.withTouch(500));

    assertThat(item.ttl()).isEqualTo(500);
    clock.advanceSeconds(100);
    assertThat(valueOf(engine, "k")).isEqualTo("v");
  }

  @Test
  void appendWithCompareCasChecksTheUnique() {
    long cas = engine.set(bytes("k"), 0, 0, bytes("a")).cas();

    StoreResult stale =
        engine.store(
            StoreRequest.of(StoreMode.APPEND, bytes("k"), 0, 0, bytes("b"))
                .withCompareCas(cas + 1));
    StoreResult fresh =
        engine.store(
            StoreRequest.of(StoreMode.APPEND, bytes("k"), 0, 0, bytes("b")).withCompareCas(cas));

    assertThat(stale.status()).isEqualTo(StoreStatus.EXISTS);
    assertThat(fresh.status()).isEqualTo(StoreStatus.STORED);
    assertThat(valueOf(engine, "k")).isEqualTo("ab");
  }
}
