package io.slabcache.cdi;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.util.Arrays;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The key the default key generator builds: the values of the key parameters, compared with {@link
 * Arrays#deepEquals} and hashed with {@link Arrays#deepHashCode}.
 *
 * <p>The serialized form holds the parameter values only, never a hash code, so a key written by
 * one JVM is equal to, and hashes like, the same key built in another: it can be stored as the key
 * of a remote cache. Build one with {@link #of} to look up what an annotated method cached.
 */
public final class DefaultGeneratedCacheKey implements GeneratedCacheKey {
  @Serial private static final long serialVersionUID = 1L;

  /** The key parameter values, in the order of the method's parameters. */
  private final Object[] parameters;

  private transient int hashCode;

  private DefaultGeneratedCacheKey(Object[] parameters) {
    this.parameters = parameters;
    this.hashCode = Arrays.deepHashCode(parameters);
  }

  /**
   * The key for the given key parameter values, as the default key generator builds it.
   *
   * @param parameters the values of the key parameters, in declaration order; may contain nulls
   * @return the key
   */
  public static DefaultGeneratedCacheKey of(Object... parameters) {
    return new DefaultGeneratedCacheKey(parameters.clone());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DefaultGeneratedCacheKey key
        && hashCode == key.hashCode
        && Arrays.deepEquals(parameters, key.parameters);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return "DefaultGeneratedCacheKey" + Arrays.deepToString(parameters);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (parameters == null) {
      throw new java.io.InvalidObjectException("parameters must not be null");
    }
    hashCode = Arrays.deepHashCode(parameters);
  }
}
