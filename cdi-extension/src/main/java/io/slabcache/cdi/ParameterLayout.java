package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.cache.CacheException;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheValue;

/**
 * The parameters of an annotated method and their roles: which ones form the key, which one is the
 * value of a {@code @CachePut}.
 */
final class ParameterLayout {
  private final Class<?>[] types;
  private final List<Set<Annotation>> annotations;
  private final int[] keyPositions;
  private final int valuePosition;

  private ParameterLayout(
      Class<?>[] types, List<Set<Annotation>> annotations, int[] keyPositions, int valuePosition) {
    this.types = types;
    this.annotations = annotations;
    this.keyPositions = keyPositions;
    this.valuePosition = valuePosition;
  }

  /**
   * Reads the roles of the parameters: with no {@code @CacheKey}, every parameter but the
   * {@code @CacheValue} one is part of the key.
   *
   * @throws CacheException if {@code @CacheValue} is missing where required or present where not
   *     allowed
   */
  static ParameterLayout of(
      Method method, List<Set<Annotation>> parameterAnnotations, boolean valueRequired) {
    Class<?>[] types = method.getParameterTypes();
    List<Set<Annotation>> annotations = new ArrayList<>();
    List<Integer> explicitKeys = new ArrayList<>();
    int valuePosition = -1;
    for (int i = 0; i < types.length; i++) {
      Set<Annotation> onParameter = Set.copyOf(parameterAnnotations.get(i));
      annotations.add(onParameter);
      if (AnnotationSource.find(onParameter, CacheKey.class) != null) {
        explicitKeys.add(i);
      }
      if (AnnotationSource.find(onParameter, CacheValue.class) != null) {
        if (!valueRequired) {
          throw new CacheException("@CacheValue is only allowed with @CachePut: " + method);
        }
        if (valuePosition >= 0) {
          throw new CacheException("More than one @CacheValue parameter: " + method);
        }
        valuePosition = i;
      }
    }
    if (valueRequired && valuePosition < 0) {
      throw new CacheException("@CachePut needs one parameter annotated @CacheValue: " + method);
    }
    int value = valuePosition;
    IntStream candidates =
        explicitKeys.isEmpty()
            ? IntStream.range(0, types.length)
            : explicitKeys.stream().mapToInt(Integer::intValue);
    int[] keyPositions = candidates.filter(i -> i != value).toArray();
    return new ParameterLayout(types, List.copyOf(annotations), keyPositions, valuePosition);
  }

  int count() {
    return types.length;
  }

  Class<?> type(int position) {
    return types[position];
  }

  Set<Annotation> annotations(int position) {
    return annotations.get(position);
  }

  int[] keyPositions() {
    return keyPositions;
  }

  /** The position of the {@code @CacheValue} parameter, or -1. */
  int valuePosition() {
    return valuePosition;
  }
}
