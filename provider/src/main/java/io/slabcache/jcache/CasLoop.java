package io.slabcache.jcache;

import io.slabcache.jcache.KeyCodec.StoreKey;

/**
 * The loop of every operation that changes an entry according to what it holds: read the live entry
 * with its CAS unique, decide, and write on the condition that the entry is still the one read
 * (memcached's {@code add} where there was none, {@code cas} over it, a delete with its CAS). If
 * another writer got there first, the write fails and the loop reads and decides again, so a
 * decision is always made on the entry that it changes.
 *
 * <p>A decision answers {@code Object}, not a type parameter: {@link #RETRY} is of no result type,
 * and a typed answer would be cast to the result type on its way out of the decision.
 */
final class CasLoop<K, V> {

  /** What a decision answers when its write lost to another writer: read and decide again. */
  static final Object RETRY = new Object();

  /**
   * Decides from the entry as read, and makes the operation's write on the condition that the entry
   * is still the one read.
   */
  @FunctionalInterface
  interface Decision<V> {

    /**
     * @param current the live entry under the key, or {@code null} if there is none
     * @param now the time {@code current} was found live at
     * @return the operation's result, or {@link #RETRY} if the write found the entry changed
     */
    Object decide(StoredEntry<V> current, long now);
  }

  /**
   * A {@link Decision} that takes the key and what the call writes as arguments, so that one
   * instance serves every call: the put path allocates no lambda.
   *
   * @param <A> what the operation writes
   */
  @FunctionalInterface
  interface SharedDecision<K, V, A> {

    /** As {@link Decision#decide}, for the entry under {@code key}. */
    Object decide(K key, StoreKey storeKey, A argument, StoredEntry<V> current, long now);
  }

  private final EntryStore<K, V> entries;
  private final Expiry expiry;

  CasLoop(EntryStore<K, V> entries, Expiry expiry) {
    this.entries = entries;
    this.expiry = expiry;
  }

  /**
   * Reads the entry and decides until a decision does not ask to retry.
   *
   * @param <R> the operation's result, the type of what its decision answers
   */
  <R> R run(K key, StoreKey storeKey, Decision<V> decision) {
    return run(key, storeKey, decision, (k, at, d, current, now) -> d.decide(current, now));
  }

  /** As {@link #run(Object, StoreKey, Decision)}, with a decision shared by every call. */
  @SuppressWarnings("unchecked")
  <A, R> R run(K key, StoreKey storeKey, A argument, SharedDecision<K, V, A> decision) {
    while (true) {
      long now = expiry.now();
      StoredEntry<V> current = entries.lookup(storeKey, key, now);
      Object result = decision.decide(key, storeKey, argument, current, now);
      if (result != RETRY) {
        return (R) result;
      }
    }
  }
}
