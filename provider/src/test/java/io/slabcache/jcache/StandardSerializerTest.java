package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StandardSerializerTest {

  private final StandardSerializer serializer = StandardSerializer.INSTANCE;

  static Stream<Object> values() {
    return Stream.of(
        "",
        "grüße, 世界",
        0,
        -1,
        Integer.MIN_VALUE,
        Long.MAX_VALUE,
        -42L,
        3.25d,
        Double.NaN,
        -0.5f,
        (short) -7,
        (byte) -128,
        'x',
        true,
        false,
        new BigDecimal("12.50"),
        new Point(3, 4),
        new ArrayList<>(List.of("a", "b")));
  }

  @ParameterizedTest
  @MethodSource("values")
  void roundTripsEveryKindOfValue(Object value) {
    byte[] bytes = serializer.serialize(value);

    Object back = serializer.deserialize(bytes, 0, bytes.length, getClass().getClassLoader());

    assertThat(back).isEqualTo(value).hasSameClassAs(value);
  }

  @Test
  void readsFromAnOffsetInsideALargerArray() {
    byte[] bytes = serializer.serialize("middle");
    byte[] padded = new byte[bytes.length + 10];
    System.arraycopy(bytes, 0, padded, 5, bytes.length);

    assertThat(serializer.deserialize(padded, 5, bytes.length, null)).isEqualTo("middle");
  }

  @Test
  void byteArraysAreCopiedBothWays() {
    byte[] value = {1, 2, 3};
    byte[] bytes = serializer.serialize(value);
    value[0] = 9;

    byte[] back = (byte[]) serializer.deserialize(bytes, 0, bytes.length, null);

    assertThat(back).containsExactly(1, 2, 3);
  }

  @Test
  void equalKeysOfDifferentTypesHaveDifferentBytes() {
    assertThat(serializer.serialize(1)).isNotEqualTo(serializer.serialize(1L));
    assertThat(serializer.serialize("1")).isNotEqualTo(serializer.serialize(1));
  }

  @Test
  void fastPathsAreCompact() {
    assertThat(serializer.serialize("abc")).hasSize(4);
    assertThat(serializer.serialize(7L)).hasSize(9);
    assertThat(serializer.serialize(new byte[100])).hasSize(101);
  }

  /** Other JVMs sharing a server read these bytes: a string is one tag byte, then its UTF-8. */
  @Test
  void stringsAreATagThenTheirUtf8() {
    byte[] ascii = serializer.serialize("user:42");
    byte[] other = serializer.serialize("grüße\u0080");

    assertThat(Arrays.copyOfRange(ascii, 1, ascii.length))
        .isEqualTo("user:42".getBytes(StandardCharsets.UTF_8));
    assertThat(Arrays.copyOfRange(other, 1, other.length))
        .isEqualTo("grüße\u0080".getBytes(StandardCharsets.UTF_8));
    assertThat(ascii[0]).isEqualTo(other[0]);
  }

  @Test
  void refusesWhatCannotBeSerialized() {
    assertThatThrownBy(() -> serializer.serialize(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void resolvesClassesThroughTheGivenClassLoader() {
    byte[] bytes = serializer.serialize(new Point(1, 2));
    RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());

    Object back = serializer.deserialize(bytes, 0, bytes.length, loader);

    assertThat(back).isEqualTo(new Point(1, 2));
    assertThat(loader.asked).contains(Point.class.getName());
  }

  @Test
  void aClassTheLoaderCannotSeeIsACacheException() {
    byte[] bytes = serializer.serialize(new Point(1, 2));
    ClassLoader blind =
        new ClassLoader(null) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(Point.class.getName())) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };

    assertThatThrownBy(() -> serializer.deserialize(bytes, 0, bytes.length, blind))
        .isInstanceOf(CacheException.class);
  }

  @Test
  void unknownFormIsACacheException() {
    assertThatThrownBy(() -> serializer.deserialize(new byte[] {77, 1}, 0, 2, null))
        .isInstanceOf(CacheException.class);
  }

  record Point(int x, int y) implements Serializable {}

  /** Delegates to its parent and remembers which classes it was asked for. */
  static final class RecordingClassLoader extends ClassLoader {
    final List<String> asked = new ArrayList<>();

    RecordingClassLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (asked) {
        asked.add(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  @ParameterizedTest
  @MethodSource("values")
  void theCompactFormRoundTripsToo(Object value) {
    StandardSerializer compact = StandardSerializer.compact();
    byte[] bytes = compact.serialize(value);

    Object back = compact.deserialize(bytes, 0, bytes.length, getClass().getClassLoader());

    assertThat(back).isEqualTo(value).hasSameClassAs(value);
  }

  @Test
  void theCompactFormLeavesOutTheClassDescription() {
    StandardSerializer compact = StandardSerializer.compact();
    Point point = new Point(1, 2);

    byte[] standard = serializer.serialize(point);
    byte[] small = compact.serialize(point);

    assertThat(small.length).isLessThan(standard.length / 3);
    assertThat(compact.serialize(new Point(1, 2))).isEqualTo(small);
  }

  @Test
  void theCompactFormIsReadOnlyByItsOwnSerializer() {
    byte[] bytes = StandardSerializer.compact().serialize(new Point(1, 2));

    assertThatThrownBy(() -> serializer.deserialize(bytes, 0, bytes.length, null))
        .isInstanceOf(CacheException.class);
    assertThatThrownBy(() -> StandardSerializer.compact().deserialize(bytes, 0, bytes.length, null))
        .isInstanceOf(CacheException.class);
  }

  @Test
  void theCompactFormResolvesClassesThroughTheGivenClassLoader() {
    StandardSerializer compact = StandardSerializer.compact();
    byte[] bytes = compact.serialize(new Point(1, 2));
    RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());

    assertThat(compact.deserialize(bytes, 0, bytes.length, loader)).isEqualTo(new Point(1, 2));
    assertThat(loader.asked).contains(Point.class.getName());
  }
}
