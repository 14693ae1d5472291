package io.slabcache.jcache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.EventType;

/**
 * Delivers a cache's events to its listeners. Synchronous listeners run in the thread that made the
 * change, before the cache operation returns. Asynchronous ones run on a dedicated executor, in
 * order per listener and key: each event for a key waits for the previous one.
 */
final class EventDispatcher<K, V> {

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final Map<Ordering, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
  private final Cache<K, V> cache;
  private final Executor executor;

  /** The dispatcher of {@code cache}'s events, which are its source. */
  EventDispatcher(Cache<K, V> cache, Executor executor) {
    this.cache = cache;
    this.executor = executor;
  }

  /** Pairs a registration with a key: the unit in which asynchronous events keep their order. */
  private record Ordering(ListenerRegistration<?, ?> registration, Object key) {}

  void register(CacheEntryListenerConfiguration<K, V> configuration) {
    registrations.add(new ListenerRegistration<>(configuration));
  }

  boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration.equals(configuration)) {
        registrations.remove(registration);
        registration.close();
        return true;
      }
    }
    return false;
  }

  boolean isRegistered(CacheEntryListenerConfiguration<K, V> configuration) {
    return registrations.stream().anyMatch(r -> r.configuration.equals(configuration));
  }

  boolean active() {
    return !registrations.isEmpty();
  }

  boolean listensTo(EventType type) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.listensTo(type)) {
        return true;
      }
    }
    return false;
  }

  void created(K key, V value) {
    publish(EventType.CREATED, key, value, null);
  }

  void updated(K key, V value, V oldValue) {
    publish(EventType.UPDATED, key, value, oldValue);
  }

  void removed(K key, V oldValue) {
    publish(EventType.REMOVED, key, oldValue, oldValue);
  }

  void expired(K key, V oldValue) {
    publish(EventType.EXPIRED, key, oldValue, oldValue);
  }

  private void publish(EventType type, K key, V value, V oldValue) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (!registration.listensTo(type)) {
        continue;
      }
      SlabCacheEntryEvent<K, V> event =
          new SlabCacheEntryEvent<>(cache, type, key, value, oldValue);
      if (registration.synchronous()) {
        registration.deliver(event);
      } else {
        enqueue(registration, event);
      }
    }
  }

  private void enqueue(ListenerRegistration<K, V> registration, SlabCacheEntryEvent<K, V> event) {
    Ordering ordering = new Ordering(registration, event.getKey());
    pending.compute(
        ordering,
        (o, previous) -> {
          CompletableFuture<Void> before =
              previous == null ? CompletableFuture.completedFuture(null) : previous;
          CompletableFuture<Void> next =
              before.thenRunAsync(() -> deliverLogged(registration, event), executor);
          next.whenComplete((ignored, error) -> pending.remove(o, next));
          return next;
        });
  }

  private static <K, V> void deliverLogged(
      ListenerRegistration<K, V> registration, SlabCacheEntryEvent<K, V> event) {
    try {
      registration.deliver(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "asynchronous listener failed on " + event, e);
    }
  }

  /** Waits until the asynchronous events published so far are delivered. */
  void awaitQuiescence() {
    for (CompletableFuture<Void> future : List.copyOf(pending.values())) {
      try {
        future.join();
      } catch (RuntimeException e) {
        // already logged
      }
    }
  }

  void close() {
    awaitQuiescence();
    for (ListenerRegistration<K, V> registration : registrations) {
      registration.close();
    }
    registrations.clear();
  }
}
