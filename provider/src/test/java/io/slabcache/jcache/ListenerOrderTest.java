package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asynchronous listeners see the events of one key in the order the changes happened. */
class ListenerOrderTest {

  private static final int CHANGES = 2_000;
  private static final int KEYS = 4;

  private final SlabCachingProvider provider = new SlabCachingProvider();

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void asynchronousEventsOfAKeyArriveInOrder() throws InterruptedException {
    Recorder.events.clear();
    Cache<String, Integer> cache =
        provider
            .getCacheManager()
            .createCache(
                "ordered",
                new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(Recorder.class), null, true, false));

    for (int i = 1; i <= CHANGES; i++) {
      String key = "k" + (i % KEYS);
      if (i % 100 == 0) {
        cache.remove(key);
      } else {
        cache.put(key, i);
      }
    }

    long deadline = System.currentTimeMillis() + 30_000;
    while (received() < CHANGES && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(received()).isEqualTo(CHANGES);
    for (int k = 0; k < KEYS; k++) {
      List<Integer> expected = new ArrayList<>();
      for (int i = 1; i <= CHANGES; i++) {
        if (i % KEYS == k) {
          expected.add(i % 100 == 0 ? -i : i);
        }
      }
      assertThat(Recorder.events.get("k" + k)).containsExactlyElementsOf(expected);
    }
  }

  private static int received() {
    return Recorder.events.values().stream().mapToInt(List::size).sum();
  }

  /** Records, per key, the value of each created or updated event, and removals negated. */
  public static final class Recorder
      implements CacheEntryCreatedListener<String, Integer>,
          CacheEntryUpdatedListener<String, Integer>,
          CacheEntryRemovedListener<String, Integer> {
    static final Map<String, List<Integer>> events = new ConcurrentHashMap<>();

    private static void record(String key, int value) {
      events.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> batch) {
      batch.forEach(e -> record(e.getKey(), e.getValue()));
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> batch) {
      batch.forEach(e -> record(e.getKey(), e.getValue()));
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> batch) {
      batch.forEach(e -> record(e.getKey(), removedAt(e)));
    }

    private static int removedAt(CacheEntryEvent<? extends String, ? extends Integer> event) {
      // the removal at change i follows the put of i - KEYS, whose value is the old value
      return -(event.getOldValue() + KEYS);
    }
  }
}
