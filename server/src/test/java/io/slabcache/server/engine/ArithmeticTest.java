package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static io.slabcache.server.engine.EngineTestSupport.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArithmeticTest {

  private final ManualClock clock = new ManualClock();
  private final SlabEngine engine =
      SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(8).clock(clock).build());

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void incrAddsAndStoresDecimalText() {
    engine.set(bytes("n"), 5, 0, bytes("41"));

    ArithmeticResult result = engine.incr(bytes("n"), 1);

    assertThat(result.status()).isEqualTo(ArithmeticStatus.OK);
    assertThat(result.value()).isEqualTo(42);
    assertThat(valueOf(engine, "n")).isEqualTo("42");
    assertThat(engine.get(bytes("n")).flags()).isEqualTo(5);
  }

  @Test
  void incrGrowsTheValueWhenItNeedsMoreDigits() {
    engine.set(bytes("n"), 0, 0, bytes("99"));

    assertThat(engine.incr(bytes("n"), 1).value()).isEqualTo(100);
    assertThat(valueOf(engine, "n")).isEqualTo("100");
  }

  @Test
  void incrWrapsAround64Bits() {
    engine.set(bytes("n"), 0, 0, bytes("18446744073709551615"));

    assertThat(engine.incr(bytes("n"), 2).value()).isEqualTo(1);
    assertThat(valueOf(engine, "n")).startsWith("1");
  }

  @Test
  void decrFloorsAtZero() {
    engine.set(bytes("n"), 0, 0, bytes("5"));

    assertThat(engine.decr(bytes("n"), 10).value()).isZero();
    assertThat(valueOf(engine, "n")).isEqualTo("0");
  }

  @Test
  void decrToFewerDigitsPadsWithSpacesAsMemcachedDoes() {
    engine.set(bytes("n"), 0, 0, bytes("10"));

    assertThat(engine.decr(bytes("n"), 1).value()).isEqualTo(9);
    assertThat(valueOf(engine, "n")).isEqualTo("9 ");
    assertThat(engine.incr(bytes("n"), 1).value()).isEqualTo(10);
  }

  @Test
  void hugeDeltaIsUnsigned() {
    engine.set(bytes("n"), 0, 0, bytes("1"));

    assertThat(engine.incr(bytes("n"), -2L).value()).isEqualTo(-1L);
    assertThat(valueOf(engine, "n")).isEqualTo("18446744073709551615");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12 ab", "12\0ab", "12\0", " +12", "\t12"})
  void theNumberEndsAtABlankOrANulAsInMemcached(String value) {
    engine.set(bytes("n"), 0, 0, bytes(value));

    assertThat(engine.incr(bytes("n"), 1).value()).isEqualTo(13);
    assertThat(valueOf(engine, "n")).startsWith("13");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "12abc", "-1", "99999999999999999999", "1.5", " \0" + "12"})
  void nonNumericValuesAreRefusedAndKept(String value) {
    engine.set(bytes("n"), 0, 0, bytes(value));

    assertThat(engine.incr(bytes("n"), 1).status()).isEqualTo(ArithmeticStatus.NON_NUMERIC);
    assertThat(engine.decr(bytes("n"), 1).status()).isEqualTo(ArithmeticStatus.NON_NUMERIC);
    assertThat(valueOf(engine, "n")).isEqualTo(value);
  }

  @Test
  void missesAreCounted() {
    assertThat(engine.incr(bytes("none"), 1).status()).isEqualTo(ArithmeticStatus.NOT_FOUND);
    assertThat(engine.decr(bytes("none"), 1).status()).isEqualTo(ArithmeticStatus.NOT_FOUND);
    assertThat(engine.stats().general())
        .containsEntry("incr_misses", "1")
        .containsEntry("decr_misses", "1");
  }

  @Test
  void vivifyCreatesTheCounterWithItsInitialValue() {
    ArithmeticRequest request =
        ArithmeticRequest.incr(bytes("n"), 1).withVivify(30, 7).withTouch(ReadOptions.UNCHANGED);

    ArithmeticResult created = engine.arithmetic(request);
    ArithmeticResult incremented = engine.arithmetic(request);

    assertThat(created.value()).isEqualTo(7);
    assertThat(created.ttl()).isEqualTo(30);
    assertThat(incremented.value()).isEqualTo(8);
  }

  @Test
  void compareCasAndTouchApply() {
    long cas = engine.set(bytes("n"), 0, 0, bytes("1")).cas();

    assertThat(engine.arithmetic(ArithmeticRequest.incr(bytes("n"), 1).withCompareCas(cas + 1)))
        .extracting(ArithmeticResult::status)
        .isEqualTo(ArithmeticStatus.EXISTS);
    ArithmeticResult result =
        engine.arithmetic(
            ArithmeticRequest.incr(bytes("n"), 1)
                .withCompareCas(cas)
                .withTouch(60)
                .withNewCas(999));
    assertThat(result.value()).isEqualTo(2);
    assertThat(result.cas()).isEqualTo(999);
    assertThat(result.ttl()).isEqualTo(60);
  }
}
