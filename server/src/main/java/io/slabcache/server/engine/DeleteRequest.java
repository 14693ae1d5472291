package io.slabcache.server.engine;

import java.util.Objects;

/**
 * A delete with the knobs of memcached's meta delete. Immutable; start from {@link #of}.
 *
 * @param key the key
 * @param compareCas delete only if the item's CAS equals this; 0 for none
 * @param newCas CAS unique to give an invalidated item (meta {@code E}); 0 to draw the next one
 * @param invalidate keep the item but mark it stale and give it a new CAS (meta {@code I})
 * @param exptime with {@code invalidate}, a new exptime, or {@link ReadOptions#UNCHANGED}
 * @param dropValue keep the item but replace its data with nothing (meta {@code x})
 */
public record DeleteRequest(
    byte[] key, long compareCas, long newCas, boolean invalidate, long exptime, boolean dropValue) {

  public DeleteRequest {
    Objects.requireNonNull(key, "key");
  }

  public static DeleteRequest of(byte[] key) {
    return new DeleteRequest(key, 0, 0, false, ReadOptions.UNCHANGED, false);
  }

  public DeleteRequest withCompareCas(long cas) {
    return new DeleteRequest(key, cas, newCas, invalidate, exptime, dropValue);
  }

  public DeleteRequest withNewCas(long cas) {
    return new DeleteRequest(key, compareCas, cas, invalidate, exptime, dropValue);
  }

  public DeleteRequest withInvalidate(long exptime) {
    return new DeleteRequest(key, compareCas, newCas, true, exptime, dropValue);
  }

  public DeleteRequest withDropValue(boolean wanted) {
    return new DeleteRequest(key, compareCas, newCas, invalidate, exptime, wanted);
  }
}
