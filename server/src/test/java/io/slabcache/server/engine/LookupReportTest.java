package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stores, deletes and arithmetic say what their lookup of the key found, as memcached's {@code
 * watch fetchers} reports it: a live item (with its class and data length before the change), no
 * item, or an expired or flushed one.
 */
class LookupReportTest {

  private final ManualClock clock = new ManualClock();

  /** Without the maintainer and the crawler, only commands find dead items. */
  private final SlabEngine engine =
      SlabEngine.start(
          EngineConfig.builder()
              .memoryLimitMegabytes(8)
              .lruMaintainer(false)
              .lruCrawler(false)
              .clock(clock)
              .build());

  @AfterEach
  void close() {
    engine.close();
  }

  private int slabClassOf(String key) {
    return engine.peek(bytes(key)).slabClass();
  }

  @Test
  void storesReportTheOldItem() {
    StoreResult first = engine.set(bytes("k"), 0, 0, bytes("hello"));
    int cls = slabClassOf("k");
    StoreResult second = engine.set(bytes("k"), 0, 0, bytes("hi"));
    StoreResult refused = engine.add(bytes("k"), 0, 0, bytes("x"));
    StoreResult appended = engine.append(bytes("k"), bytes("!!"));
    StoreResult missed = engine.replace(bytes("none"), 0, 0, bytes("x"));

    assertThat(first.lookup()).isEqualTo(FetchStatus.NOT_FOUND);
    assertThat(first.lookupSlabClass()).isZero();
    assertThat(first.lookupValueLength()).isZero();
    assertThat(second.lookup()).isEqualTo(FetchStatus.FOUND);
    assertThat(second.lookupSlabClass()).isEqualTo(cls);
    assertThat(second.lookupValueLength()).isEqualTo(5);
    assertThat(refused.lookupValueLength()).isEqualTo(2);
    assertThat(appended.lookupValueLength()).isEqualTo(2);
    assertThat(appended.valueLength()).isEqualTo(4);
    assertThat(missed.lookup()).isEqualTo(FetchStatus.NOT_FOUND);
  }

  @Test
  void aCasOfZeroReportsItsLookup() {
    StoreRequest request = StoreRequest.of(StoreMode.SET, bytes("k"), 0, 0, bytes("v"));
    engine.set(bytes("k"), 0, 0, bytes("abc"));

    StoreResult present = engine.casZero(request);

    assertThat(present.lookup()).isEqualTo(FetchStatus.FOUND);
    assertThat(present.lookupValueLength()).isEqualTo(3);
  }

  @Test
  void expiredAndFlushedItemsAreNamedSoByEveryLookup() {
    for (String key : new String[] {"s", "d", "a"}) {
      engine.set(bytes(key), 0, 5, bytes("1"));
    }
    clock.advanceSeconds(10);

    assertThat(engine.set(bytes("s"), 0, 0, bytes("1")).lookup()).isEqualTo(FetchStatus.EXPIRED);
    assertThat(engine.delete(DeleteRequest.of(bytes("d"))).lookup()).isEqualTo(FetchStatus.EXPIRED);
    assertThat(engine.incr(bytes("a"), 1).lookup()).isEqualTo(FetchStatus.EXPIRED);

    engine.set(bytes("d"), 0, 0, bytes("1"));
    engine.set(bytes("a"), 0, 0, bytes("1"));
    engine.flushAll(0);
    assertThat(engine.set(bytes("s"), 0, 0, bytes("1")).lookup()).isEqualTo(FetchStatus.FLUSHED);
    assertThat(engine.delete(DeleteRequest.of(bytes("d"))).lookup()).isEqualTo(FetchStatus.FLUSHED);
    assertThat(engine.incr(bytes("a"), 1).lookup()).isEqualTo(FetchStatus.FLUSHED);
  }

  @Test
  void deletesReportTheItemFoundWhetherOrNotTheyRemoveIt() {
    long cas = engine.set(bytes("k"), 0, 0, bytes("value")).cas();
    int cls = slabClassOf("k");

    DeleteResult mismatch = engine.delete(DeleteRequest.of(bytes("k")).withCompareCas(cas + 1));
    DeleteResult deleted = engine.delete(DeleteRequest.of(bytes("k")));
    DeleteResult missing = engine.delete(DeleteRequest.of(bytes("k")));

    assertThat(mismatch)
        .isEqualTo(new DeleteResult(DeleteStatus.EXISTS, FetchStatus.FOUND, cls, 5));
    assertThat(deleted)
        .isEqualTo(new DeleteResult(DeleteStatus.DELETED, FetchStatus.FOUND, cls, 5));
    assertThat(missing.lookup()).isEqualTo(FetchStatus.NOT_FOUND);
  }

  @Test
  void arithmeticReportsTheItemAsItWasBefore() {
    engine.set(bytes("n"), 0, 0, bytes("99"));
    int cls = slabClassOf("n");

    ArithmeticResult grown = engine.incr(bytes("n"), 1);
    ArithmeticResult missing = engine.decr(bytes("none"), 1);

    assertThat(grown.value()).isEqualTo(100);
    assertThat(grown.lookup()).isEqualTo(FetchStatus.FOUND);
    assertThat(grown.slabClass()).isEqualTo(cls);
    assertThat(grown.valueLength()).isEqualTo(2);
    assertThat(grown.created()).isFalse();
    assertThat(missing.lookup()).isEqualTo(FetchStatus.NOT_FOUND);
    assertThat(missing.created()).isFalse();
  }

  @Test
  void aCounterCreatedOnAMissDescribesItself() {
    ArithmeticResult created =
        engine.arithmetic(ArithmeticRequest.incr(bytes("c"), 1).withVivify(0, 12345));

    assertThat(created.created()).isTrue();
    assertThat(created.lookup()).isEqualTo(FetchStatus.NOT_FOUND);
    assertThat(created.slabClass()).isEqualTo(slabClassOf("c"));
    assertThat(created.valueLength()).isEqualTo(5);
  }

  @Test
  void badKeysLookNothingUp() {
    byte[] key = new byte[251];

    assertThat(engine.set(key, 0, 0, bytes("v")).lookup()).isNull();
    assertThat(engine.delete(DeleteRequest.of(key)).lookup()).isNull();
    assertThat(engine.incr(key, 1).lookup()).isNull();
  }
}
