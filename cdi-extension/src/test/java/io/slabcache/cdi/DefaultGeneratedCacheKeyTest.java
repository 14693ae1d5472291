package io.slabcache.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DefaultGeneratedCacheKeyTest {

  @Test
  void equalityAndHashFollowTheParametersDeeply() {
    DefaultGeneratedCacheKey key = DefaultGeneratedCacheKey.of("a", new int[] {1, 2}, null);

    assertThat(key)
        .isEqualTo(DefaultGeneratedCacheKey.of("a", new int[] {1, 2}, null))
        .hasSameHashCodeAs(DefaultGeneratedCacheKey.of("a", new int[] {1, 2}, null))
        .isNotEqualTo(DefaultGeneratedCacheKey.of("a", new int[] {2, 1}, null))
        .isNotEqualTo(DefaultGeneratedCacheKey.of(new int[] {1, 2}, "a", null))
        .isNotEqualTo(DefaultGeneratedCacheKey.of("a", new int[] {1, 2}))
        .isNotEqualTo("a");
  }

  @Test
  void theKeyKeepsItsOwnCopyOfTheParameters() {
    Object[] parameters = {"a", 1};
    DefaultGeneratedCacheKey key = DefaultGeneratedCacheKey.of(parameters);
    parameters[0] = "b";

    assertThat(key).isEqualTo(DefaultGeneratedCacheKey.of("a", 1));
  }

  @Test
  void aDeserializedKeyEqualsAndHashesLikeTheOriginal() throws Exception {
    DefaultGeneratedCacheKey key = DefaultGeneratedCacheKey.of("sku-1", 42, new long[] {7L});

    Object copy = deserialize(serialize(key));
    assertThat(copy).isEqualTo(key).hasSameHashCodeAs(key);
  }

  /** A parameter whose hash code differs between runs, as identity or enum hash codes do. */
  static final class RunDependentHash implements Serializable {
    private static final long serialVersionUID = 1L;
    static int seed = 1;
    final String value;

    RunDependentHash(String value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof RunDependentHash o && o.value.equals(value);
    }

    @Override
    public int hashCode() {
      return value.hashCode() * seed;
    }
  }

  @Test
  void theHashIsRecomputedWhereTheKeyIsRead() throws Exception {
    RunDependentHash.seed = 3;
    byte[] written = serialize(DefaultGeneratedCacheKey.of(new RunDependentHash("v")));

    RunDependentHash.seed = 5;
    DefaultGeneratedCacheKey local = DefaultGeneratedCacheKey.of(new RunDependentHash("v"));
    assertThat(deserialize(written)).isEqualTo(local).hasSameHashCodeAs(local);
  }

  @Test
  void theSerializedFormIsStable() throws Exception {
    // Written by this class at version 1; a change here breaks keys already stored remotely.
    String stored =
        "rO0ABXNyAClpby5zbGFiY2FjaGUuY2RpLkRlZmF1bHRHZW5lcmF0ZWRDYWNoZUtleQAAAAAAAAABAgABWwAKcGFy"
            + "YW1ldGVyc3QAE1tMamF2YS9sYW5nL09iamVjdDt4cHVyABNbTGphdmEubGFuZy5PYmplY3Q7kM5YnxBzKWwC"
            + "AAB4cAAAAAJ0AAVza3UtMXNyABFqYXZhLmxhbmcuSW50ZWdlchLioKT3gYc4AgABSQAFdmFsdWV4cgAQamF2"
            + "YS5sYW5nLk51bWJlcoaslR0LlOCLAgAAeHAAAAAq";

    DefaultGeneratedCacheKey key = DefaultGeneratedCacheKey.of("sku-1", 42);
    assertThat(Base64.getEncoder().encodeToString(serialize(key))).isEqualTo(stored);
    assertThat(deserialize(Base64.getDecoder().decode(stored))).isEqualTo(key);
  }

  private static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }
}
