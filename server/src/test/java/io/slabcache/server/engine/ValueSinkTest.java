package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads that deliver the item to a sink, and what reads and writes report about their items. */
class ValueSinkTest {

  private final ManualClock clock = new ManualClock();
  private final SlabEngine engine =
      SlabEngine.start(
          EngineConfig.builder()
              .memoryLimitMegabytes(32)
              .itemSizeMax(4 * EngineConfig.MIB)
              .clock(clock)
              .build());

  @AfterEach
  void close() {
    engine.close();
  }

  /** Records what the engine delivers, copying the data as a protocol handler would. */
  private static final class Recorder implements ValueSink {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    ItemView item;
    boolean wantData = true;
    int chunks;

    @Override
    public boolean found(ItemView found) {
      events.add("found");
      item = found;
      return wantData;
    }

    @Override
    public void data(ByteBuffer memory, int offset, int length) {
      byte[] copy = new byte[length];
      memory.get(offset, copy);
      data.write(copy, 0, length);
      chunks++;
    }

    @Override
    public void missed(FetchStatus status) {
      events.add(status.name());
    }
  }

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  private String stat(String name) {
    return engine.stats().general().get(name);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 512 * 1024, 2 * EngineConfig.MIB, 3 * EngineConfig.MIB + 7})
  void aGetDeliversTheMetadataThenTheValueChunkByChunk(int size) {
    byte[] value = randomBytes(size);
    engine.set(bytes("k"), 42, 0, value);
    Recorder sink = new Recorder();

    assertThat(engine.get(bytes("k"), sink)).isTrue();

    assertThat(sink.events).containsExactly("found");
    assertThat(sink.item.value()).isNull();
    assertThat(sink.item.valueLength()).isEqualTo(size);
    assertThat(sink.item.flags()).isEqualTo(42);
    assertThat(sink.data.toByteArray()).isEqualTo(value);
    if (size > EngineConfig.MIB) {
      assertThat(sink.chunks).isGreaterThan(1);
    }
    assertThat(stat("get_hits")).isEqualTo("1");
  }

  @Test
  void theSinkMayDeclineTheData() {
    engine.set(bytes("k"), 0, 0, bytes("value"));
    Recorder sink = new Recorder();
    sink.wantData = false;

    assertThat(engine.getAndTouch(bytes("k"), 100, sink)).isTrue();

    assertThat(sink.chunks).isZero();
    assertThat(sink.item.valueLength()).isEqualTo(5);
    assertThat(sink.item.ttl()).isEqualTo(100);
  }

  @Test
  void aMissSaysWhetherTheItemWasAbsentExpiredOrFlushed() {
    engine.set(bytes("short"), 0, 5, bytes("v"));
    engine.set(bytes("old"), 0, 0, bytes("v"));
    clock.advanceSeconds(10);
    Recorder sink = new Recorder();

    assertThat(engine.get(bytes("none"), sink)).isFalse();
    assertThat(engine.get(bytes("short"), sink)).isFalse();
    engine.flushAll(0);
    assertThat(engine.get(bytes("old"), sink)).isFalse();

    assertThat(sink.events).containsExactly("NOT_FOUND", "EXPIRED", "FLUSHED");
    assertThat(stat("get_misses")).isEqualTo("3");
  }

  @Test
  void aVivifyingReadReportsTheMissThenTheNewItem() {
    Recorder sink = new Recorder();

    assertThat(engine.read(bytes("k"), ReadOptions.GET.withVivify(30), sink)).isTrue();

    assertThat(sink.events).containsExactly("NOT_FOUND", "found");
    assertThat(sink.item.won()).isTrue();
    assertThat(sink.item.valueLength()).isZero();
  }

  @Test
  void aPeekCountsNeitherAGetNorAnAccess() {
    engine.set(bytes("k"), 0, 0, bytes("value"));
    Recorder sink = new Recorder();

    assertThat(engine.peek(bytes("k"), sink)).isTrue();
    assertThat(engine.peek(bytes("none"))).isNull();

    assertThat(sink.chunks).isZero();
    assertThat(sink.item.valueLength()).isEqualTo(5);
    assertThat(engine.peek(bytes("k")).fetchedBefore()).isFalse();
    assertThat(stat("cmd_get")).isEqualTo("0");
    assertThat(stat("get_hits")).isEqualTo("0");
    assertThat(stat("get_misses")).isEqualTo("0");
  }

  @Test
  void storesDescribeTheItemTheyBuiltStoredOrNot() {
    StoreResult stored = engine.set(bytes("k"), 0, 100, bytes("value"));
    int cls = engine.peek(bytes("k")).slabClass();
    StoreResult refused = engine.add(bytes("k"), 0, 0, bytes("other value"));
    StoreResult appended = engine.append(bytes("k"), bytes("++"));
    StoreResult notAppended = engine.append(bytes("none"), bytes("++"));
    StoreResult tooLarge = engine.set(bytes("k"), 0, 0, new byte[5 * EngineConfig.MIB]);

    assertThat(stored.slabClass()).isEqualTo(cls).isPositive();
    assertThat(stored.valueLength()).isEqualTo(5);
    assertThat(stored.ttl()).isEqualTo(100);
    assertThat(refused.status()).isEqualTo(StoreStatus.NOT_STORED);
    assertThat(refused.valueLength()).isEqualTo(11);
    assertThat(refused.ttl()).isEqualTo(-1);
    assertThat(refused.slabClass()).isPositive();
    assertThat(appended.valueLength()).isEqualTo(7);
    assertThat(appended.ttl()).isEqualTo(100);
    assertThat(notAppended.status()).isEqualTo(StoreStatus.NOT_STORED);
    assertThat(notAppended.valueLength()).isEqualTo(2);
    assertThat(notAppended.slabClass()).isPositive();
    // the failed set dropped the old value, after a lookup that found it
    assertThat(tooLarge)
        .isEqualTo(new StoreResult(StoreStatus.TOO_LARGE, 0, 0, 0, -1, FetchStatus.FOUND, cls, 7));
  }

  @Test
  void aCasOfZeroMatchesNoItem() {
    StoreRequest request = StoreRequest.of(StoreMode.SET, bytes("k"), 0, 10, bytes("value"));

    StoreResult missing = engine.casZero(request);
    engine.set(bytes("k"), 0, 0, bytes("v"));
    StoreResult present = engine.casZero(request);

    assertThat(missing.status()).isEqualTo(StoreStatus.NOT_FOUND);
    assertThat(present.status()).isEqualTo(StoreStatus.EXISTS);
    assertThat(present.valueLength()).isEqualTo(5);
    assertThat(present.ttl()).isEqualTo(10);
    assertThat(engine.get(bytes("k")).value()).isEqualTo(bytes("v"));
    assertThat(stat("cas_misses")).isEqualTo("1");
    assertThat(stat("cas_badval")).isEqualTo("1");
    assertThat(stat("cmd_get")).isEqualTo("1");
  }

  @Test
  void deletesDescribeTheItemTheyRemoved() {
    engine.set(bytes("k"), 0, 0, bytes("value"));
    int cls = engine.peek(bytes("k")).slabClass();

    DeleteResult deleted = engine.delete(DeleteRequest.of(bytes("k")));
    DeleteResult missing = engine.delete(DeleteRequest.of(bytes("k")));

    assertThat(deleted)
        .isEqualTo(new DeleteResult(DeleteStatus.DELETED, FetchStatus.FOUND, cls, 5));
    assertThat(missing)
        .isEqualTo(new DeleteResult(DeleteStatus.NOT_FOUND, FetchStatus.NOT_FOUND, 0, 0));
  }
}
