package io.slabcache.benchmarks.jcache;

import io.slabcache.jcache.SlabCachingProvider;
import java.net.URI;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * The JCache providers compared, each configured as its users would for a store-by-value cache of
 * {@code String} keys. Every one is created and used through {@code javax.cache} only; only
 * Ehcache's off-heap tier needs Ehcache's own configuration, wrapped for {@code createCache}.
 */
enum Contender {
  SLABCACHE("io.slabcache.jcache.SlabCachingProvider"),
  CAFFEINE("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider"),
  EHCACHE_HEAP("org.ehcache.jsr107.EhcacheCachingProvider"),
  EHCACHE_OFFHEAP("org.ehcache.jsr107.EhcacheCachingProvider");

  private final String providerClass;

  Contender(String providerClass) {
    this.providerClass = providerClass;
  }

  /** A cache manager of this contender; {@code megabytes} bounds the off-heap memory it may use. */
  CacheManager manager(long megabytes) {
    CachingProvider provider = Caching.getCachingProvider(providerClass);
    if (this == SLABCACHE) {
      Properties properties = new Properties();
      properties.setProperty(SlabCachingProvider.MEMORY_MEGABYTES, Long.toString(megabytes));
      return provider.getCacheManager(
          URI.create("slabcache:benchmark"), getClass().getClassLoader(), properties);
    }
    return provider.getCacheManager();
  }

  /** A store-by-value cache: JCache's default. */
  Cache<String, Object> create(CacheManager manager, String name, long megabytes) {
    if (this == EHCACHE_OFFHEAP) {
      return manager.createCache(
          name,
          Eh107Configuration.fromEhcacheCacheConfiguration(
              CacheConfigurationBuilder.newCacheConfigurationBuilder(
                  String.class,
                  Object.class,
                  ResourcePoolsBuilder.newResourcePoolsBuilder()
                      .offheap(megabytes, MemoryUnit.MB))));
    }
    return manager.createCache(
        name, new MutableConfiguration<String, Object>().setTypes(String.class, Object.class));
  }

  /** The name used in parameters and tables. */
  String label() {
    return name().toLowerCase().replace('_', '-');
  }

  static Contender of(String label) {
    return valueOf(label.toUpperCase().replace('-', '_'));
  }
}
