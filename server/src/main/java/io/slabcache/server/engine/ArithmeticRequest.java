package io.slabcache.server.engine;

import java.util.Objects;

/**
 * An incr or decr with the knobs of memcached's meta arithmetic. Immutable; start from {@link
 * #incr} or {@link #decr}.
 *
 * @param key the key
 * @param increment true to add, false to subtract (flooring at 0)
 * @param delta the amount, unsigned 64-bit
 * @param compareCas apply only if the item's CAS equals this; 0 for none
 * @param newCas CAS unique to give the item (meta {@code E}); 0 to draw the next one
 * @param vivifyExptime on a miss create the item with {@code initial} and this exptime (meta {@code
 *     N}), or {@link ReadOptions#UNCHANGED} for none
 * @param initial the value a vivified item starts with (meta {@code J}), unsigned
 * @param touchExptime a new exptime for the item on success (meta {@code T}), or {@link
 *     ReadOptions#UNCHANGED}
 */
public record ArithmeticRequest(
    byte[] key,
    boolean increment,
    long delta,
    long compareCas,
    long newCas,
    long vivifyExptime,
    long initial,
    long touchExptime) {

  public ArithmeticRequest {
    Objects.requireNonNull(key, "key");
  }

  public static ArithmeticRequest incr(byte[] key, long delta) {
    return new ArithmeticRequest(
        key, true, delta, 0, 0, ReadOptions.UNCHANGED, 0, ReadOptions.UNCHANGED);
  }

  public static ArithmeticRequest decr(byte[] key, long delta) {
    return new ArithmeticRequest(
        key, false, delta, 0, 0, ReadOptions.UNCHANGED, 0, ReadOptions.UNCHANGED);
  }

  public ArithmeticRequest withCompareCas(long cas) {
    return new ArithmeticRequest(
        key, increment, delta, cas, newCas, vivifyExptime, initial, touchExptime);
  }

  public ArithmeticRequest withNewCas(long cas) {
    return new ArithmeticRequest(
        key, increment, delta, compareCas, cas, vivifyExptime, initial, touchExptime);
  }

  public ArithmeticRequest withVivify(long exptime, long initialValue) {
    return new ArithmeticRequest(
        key, increment, delta, compareCas, newCas, exptime, initialValue, touchExptime);
  }

  public ArithmeticRequest withTouch(long exptime) {
    return new ArithmeticRequest(
        key, increment, delta, compareCas, newCas, vivifyExptime, initial, exptime);
  }
}
