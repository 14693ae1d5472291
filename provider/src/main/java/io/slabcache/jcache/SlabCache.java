package io.slabcache.jcache;

import io.slabcache.jcache.store.Store;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JSR-107 cache whose every operation is a memcached operation on a {@link Store}: plain writes
 * are {@code set}/{@code add}/{@code replace}, and where an old value must be compared the cache
 * reads it with its CAS unique and writes back with {@code cas} or a CAS delete, retrying when
 * another writer got there first. Expiry is exact to the millisecond and applied lazily on read.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class SlabCache<K, V> implements Cache<K, V> {

  private final SlabCacheManager manager;
  private final String name;
  private final SlabcacheConfiguration<K, V> configuration;
  private final CacheArguments<K, V> checks;
  private final StoreKeys<K> keys;
  private final Expiry expiry;
  private final LoaderWriter<K, V> through;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics = new CacheStatistics();
  private final CacheConfigurationBean configurationBean = new CacheConfigurationBean(this);
  private final ReferenceTable references;
  private final Evictions.Sink evictionSink = this::evicted;
  // each kind of operation, with its statistics, events and writer calls
  private final Reads<K, V> reads;
  private final Loads<K, V> loads;
  private final Puts<K, V> puts;
  private final Removals<K, V> removals;
  private final Invocations<K, V> invocations;
  private final Iteration<K, V> iteration;
  private volatile boolean closed;

  @SuppressWarnings("unchecked")
  SlabCache(
      SlabCacheManager manager,
      String name,
      SlabcacheConfiguration<K, V> configuration,
      Store store,
      LongSupplier clock,
      Executor eventExecutor,
      Executor loadExecutor) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.checks = new CacheArguments<>(configuration.getKeyType(), configuration.getValueType());
    KeyCodec codec = new KeyCodec(manager.namespace(name), store.maxKeyLength());
    Serializer<?> configuredKeys = configuration.getKeySerializer();
    Serializer<?> configuredValues = configuration.getValueSerializer();
    Serializer<Object> keySerializer =
        (Serializer<Object>) (configuredKeys == null ? manager.serializer() : configuredKeys);
    Serializer<Object> valueSerializer =
        (Serializer<Object>) (configuredValues == null ? manager.serializer() : configuredValues);
    ClassLoader classLoader = manager.getClassLoader();
    this.expiry = new Expiry(configuration.getExpiryPolicyFactory(), clock);
    this.through = new LoaderWriter<>(configuration);
    this.events = new EventDispatcher<>(this, eventExecutor);
    this.references = configuration.isStoreByValue() ? null : new ReferenceTable(store, codec);
    this.keys = new StoreKeys<>(codec, references, keySerializer, classLoader);
    EntryStore<K, V> entries =
        new EntryStore<>(
            store,
            valueSerializer,
            classLoader,
            expiry,
            expiry.eternal(),
            events::expired,
            references);
    CacheOperations.Parts<K, V> parts =
        new CacheOperations.Parts<>(
            entries, keys, expiry, new CasLoop<>(entries, expiry), through, events, statistics);
    this.puts = new Puts<>(parts);
    this.loads = new Loads<>(this, parts, puts, loadExecutor);
    this.reads = new Reads<>(parts, loads);
    this.removals = new Removals<>(parts);
    this.invocations = new Invocations<>(this, parts);
    this.iteration = new Iteration<>(this, parts, removals);
    for (CacheEntryListenerConfiguration<K, V> listener :
        configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    statistics.enabled(configuration.isStatisticsEnabled());
    if (configuration.isManagementEnabled()) {
      JmxRegistration.register(this, JmxRegistration.Kind.CacheConfiguration, configurationBean);
    }
    if (configuration.isStatisticsEnabled()) {
      JmxRegistration.register(this, JmxRegistration.Kind.CacheStatistics, statistics);
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    checkOpen();
    checks.requireKey(key);
    return reads.get(key);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keySet) {
    checkOpen();
    checks.requireKeys(keySet);
    return reads.getAll(keySet);
  }

  @Override
  public boolean containsKey(K key) {
    checkOpen();
    checks.requireKey(key);
    return reads.containsKey(key);
  }

  @Override
  public void loadAll(
      Set<? extends K> keySet, boolean replaceExistingValues, CompletionListener listener) {
    checkOpen();
    checks.requireKeys(keySet);
    loads.loadAll(keySet, replaceExistingValues, listener);
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    checkOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    puts.put(key, value);
  }

  @Override
  public V getAndPut(K key, V value) {
    checkOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    return puts.getAndPut(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    checkOpen();
    checks.requireEntries(map);
    puts.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    checkOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    return puts.putIfAbsent(key, value);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    checkOpen();
    checks.requireKey(key);
    checks.requireValue(oldValue);
    checks.requireValue(newValue);
    return puts.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(K key, V value) {
    checkOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    return puts.replace(key, value);
  }

  @Override
  public V getAndReplace(K key, V value) {
    checkOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    return puts.getAndReplace(key, value);
  }

  // ---------------------------------------------------------------- removals

  @Override
  public boolean remove(K key) {
    checkOpen();
    checks.requireKey(key);
    return removals.remove(key);
  }

  @Override
  public boolean remove(K key, V oldValue) {
    checkOpen();
    checks.requireKey(key);
    checks.requireValue(oldValue);
    return removals.remove(key, oldValue);
  }

  @Override
  public V getAndRemove(K key) {
    checkOpen();
    checks.requireKey(key);
    return removals.getAndRemove(key);
  }

  @Override
  public void removeAll(Set<? extends K> keySet) {
    checkOpen();
    checks.requireKeys(keySet);
    removals.removeAll(keySet);
  }

  @Override
  public void removeAll() {
    checkOpen();
    removeAll(new LinkedHashSet<>(iteration.liveKeys()));
  }

  @Override
  public void clear() {
    checkOpen();
    clearStore();
  }

  /** Deletes every item of the cache's namespace, without events or statistics. */
  void clearStore() {
    removals.clear();
  }

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    checks.requireKey(key);
    Objects.requireNonNull(processor, "processor");
    return invocations.invoke(key, processor, arguments);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keySet, EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    checks.requireKeys(keySet);
    Objects.requireNonNull(processor, "processor");
    return invocations.invokeAll(keySet, processor, arguments);
  }

  // ---------------------------------------------------------------- listeners

  @Override
  public void registerCacheEntryListener(
      CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    checkOpen();
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    synchronized (configuration) {
      if (events.isRegistered(listenerConfiguration)) {
        throw new IllegalArgumentException("listener already registered");
      }
      configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
      events.register(listenerConfiguration);
    }
  }

  @Override
  public void deregisterCacheEntryListener(
      CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    checkOpen();
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    synchronized (configuration) {
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
      events.deregister(listenerConfiguration);
    }
  }

  // ---------------------------------------------------------------- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    checkOpen();
    return iteration.iterator();
  }

  // ---------------------------------------------------------------- the rest of Cache

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    if (clazz.isInstance(configuration)) {
      synchronized (configuration) {
        // a copy: changing it must not change the cache
        return clazz.cast(new SlabcacheConfiguration<>(configuration));
      }
    }
    throw new IllegalArgumentException(
        "the configuration is a " + SlabcacheConfiguration.class.getName());
  }

  CompleteConfiguration<K, V> configuration() {
    return configuration;
  }

  /** Evictions of the cache's items are counted, and drop the objects held by reference. */
  void watchEvictions(Evictions evictions) {
    evictions.register(keys.namespace(), evictionSink);
  }

  private void evicted(byte[] storeKey) {
    statistics.evictions(1);
    long id = references == null ? 0 : references.idIn(storeKey);
    if (id != 0) {
      references.evicted(id);
    }
  }

  /** How many values the cache holds by reference on the heap. */
  int referencedValues() {
    return references == null ? 0 : references.size();
  }

  /** How many keys the cache holds by reference on the heap. */
  int referencedKeys() {
    return references == null ? 0 : references.keyCount();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    manager.released(this);
    manager.unwatchEvictions(keys.namespace(), evictionSink);
    if (references != null) {
      // the objects die with the cache, so their items go too
      clearStore();
      references.clear();
    }
    JmxRegistration.unregister(this, JmxRegistration.Kind.CacheConfiguration);
    JmxRegistration.unregister(this, JmxRegistration.Kind.CacheStatistics);
    events.close();
    through.close();
    Closing.quietly(expiry.policy());
    closeFactories();
  }

  /** Factories may hold resources too (connections, files): those that can be closed are. */
  private void closeFactories() {
    Closing.quietly(configuration.getCacheLoaderFactory());
    Closing.quietly(configuration.getCacheWriterFactory());
    Closing.quietly(configuration.getExpiryPolicyFactory());
    for (CacheEntryListenerConfiguration<K, V> listener :
        configuration.getCacheEntryListenerConfigurations()) {
      Closing.quietly(listener.getCacheEntryListenerFactory());
      Closing.quietly(listener.getCacheEntryEventFilterFactory());
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("cannot unwrap a cache to " + clazz.getName());
  }

  void enableStatistics(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    statistics.enabled(enabled);
    if (enabled) {
      JmxRegistration.register(this, JmxRegistration.Kind.CacheStatistics, statistics);
    } else {
      JmxRegistration.unregister(this, JmxRegistration.Kind.CacheStatistics);
    }
  }

  void enableManagement(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    if (enabled) {
      JmxRegistration.register(this, JmxRegistration.Kind.CacheConfiguration, configurationBean);
    } else {
      JmxRegistration.unregister(this, JmxRegistration.Kind.CacheConfiguration);
    }
  }

  CacheStatistics statistics() {
    return statistics;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("cache " + name + " is closed");
    }
  }

  @Override
  public String toString() {
    return "SlabCache[" + name + "]";
  }
}
