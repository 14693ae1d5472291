package io.slabcache.jcache.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Store#readThrough(List, boolean)}, key by key: every key of the batch ends
 * up found (there already, or loaded by another caller meanwhile) or handed to this caller to load.
 * A caller loads the keys it is handed, stores the values and then {@linkplain #release releases}
 * them, which lets the callers waiting for those keys read the values; {@link #close} releases
 * whatever it still holds, so that a failed load leaves no caller waiting.
 */
public interface ReadThroughBatch extends AutoCloseable {

  /**
   * The keys settled since the last call, waiting (up to the store's bound) until there are some;
   * an empty step once every key of the batch is settled.
   */
  Step next();

  /** Gives up the right to load the keys of {@code step}: after storing what was loaded. */
  void release(Step step);

  /** Releases every key this caller still holds. */
  @Override
  void close();

  /**
   * Keys of a batch that are settled, by their index in the batch.
   *
   * @param found the items read under keys that need no load by this caller
   * @param toLoad the keys this caller is to load
   */
  record Step(Map<Integer, StoreItem> found, List<Integer> toLoad) {

    static final Step NONE = new Step(Map.of(), List.of());

    public boolean isEmpty() {
      return found.isEmpty() && toLoad.isEmpty();
    }
  }

  /**
   * A batch of a store nobody else loads into: one step that hands this caller every key (with
   * {@code refresh}) or every key not found, and no waiting.
   */
  static ReadThroughBatch alone(Store store, List<byte[]> keys, boolean refresh) {
    return new ReadThroughBatch() {
      private boolean stepped;

      @Override
      public Step next() {
        if (stepped) {
          return Step.NONE;
        }
        stepped = true;
        Map<Integer, StoreItem> found = new HashMap<>();
        List<Integer> toLoad = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
          StoreItem item = refresh ? null : store.get(keys.get(i));
          if (item != null) {
            found.put(i, item);
          } else {
            toLoad.add(i);
          }
        }
        return new Step(found, toLoad);
      }

      @Override
      public void release(Step step) {}

      @Override
      public void close() {}
    };
  }
}
