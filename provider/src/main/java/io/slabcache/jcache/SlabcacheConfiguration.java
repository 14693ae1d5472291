package io.slabcache.jcache;

import java.util.Objects;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A {@link MutableConfiguration} with what is particular to Slabcache: the {@link Serializer}s of
 * keys and values. Unset, they are the cache manager's: a {@link StandardSerializer}, {@linkplain
 * StandardSerializer#compact() compact} on the embedded engine.
 *
 * <p>The memory of the engine is a setting of the {@code CacheManager}, since its caches share one
 * engine: see {@link SlabCachingProvider#MEMORY_MEGABYTES}.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public class SlabcacheConfiguration<K, V> extends MutableConfiguration<K, V> {

  private static final long serialVersionUID = 1L;

  private transient Serializer<? super K> keySerializer;
  private transient Serializer<? super V> valueSerializer;

  /** The defaults of {@link MutableConfiguration}: untyped, store-by-value, eternal. */
  public SlabcacheConfiguration() {}

  /** A copy of {@code configuration}, with its serializers if it is a Slabcache configuration. */
  public SlabcacheConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof SlabcacheConfiguration<K, V> slab) {
      keySerializer = slab.keySerializer;
      valueSerializer = slab.valueSerializer;
    }
  }

  /** A complete configuration from a basic one: its types and storage mode, defaults elsewhere. */
  static <K, V> SlabcacheConfiguration<K, V> of(Configuration<K, V> configuration) {
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      return new SlabcacheConfiguration<>(complete);
    }
    SlabcacheConfiguration<K, V> result = new SlabcacheConfiguration<>();
    result.setTypes(configuration.getKeyType(), configuration.getValueType());
    result.setStoreByValue(configuration.isStoreByValue());
    return result;
  }

  /** The serializer of keys, or {@code null} for the cache manager's. */
  public Serializer<? super K> getKeySerializer() {
    return keySerializer;
  }

  /** The serializer of keys; it must give equal keys equal bytes. */
  public SlabcacheConfiguration<K, V> setKeySerializer(Serializer<? super K> serializer) {
    this.keySerializer = Objects.requireNonNull(serializer, "serializer");
    return this;
  }

  /** The serializer of values, or {@code null} for the cache manager's. */
  public Serializer<? super V> getValueSerializer() {
    return valueSerializer;
  }

  public SlabcacheConfiguration<K, V> setValueSerializer(Serializer<? super V> serializer) {
    this.valueSerializer = Objects.requireNonNull(serializer, "serializer");
    return this;
  }
}
