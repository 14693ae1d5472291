package io.slabcache.samples.hibernate;

import io.slabcache.jcache.SlabCachingProvider;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * A Hibernate session factory on an in-memory H2 database whose second-level cache regions are
 * caches of a JCache manager, through {@code hibernate-jcache}: the settings below are all it
 * takes. Hibernate names the manager by a configuration resource ({@code
 * hibernate.javax.cache.uri}, as a {@code persistence.xml} would set it), or takes the manager
 * itself.
 */
public final class Library {

  private Library() {}

  /**
   * @param cacheConfiguration a Slabcache configuration file, as a class path resource or a URL,
   *     whose {@code slabcache.uri} says where the regions live: for example {@code
   *     memcached://host:port,...}, a pool of memcached servers that every JVM of the application
   *     shares
   */
  public static SessionFactory open(String database, String cacheConfiguration) {
    return open(
        database,
        new StandardServiceRegistryBuilder()
            .applySetting("hibernate.javax.cache.provider", SlabCachingProvider.class.getName())
            .applySetting("hibernate.javax.cache.uri", cacheConfiguration));
  }

  /**
   * @param regions the JCache manager the cache regions live in
   */
  public static SessionFactory open(String database, CacheManager regions) {
    return open(
        database,
        new StandardServiceRegistryBuilder()
            .applySetting("hibernate.javax.cache.cache_manager", regions));
  }

  private static SessionFactory open(String database, StandardServiceRegistryBuilder cache) {
    StandardServiceRegistry registry =
        cache
            .applySetting(AvailableSettings.JAKARTA_JDBC_URL, "jdbc:h2:mem:" + database)
            .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
            .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, true)
            .applySetting(AvailableSettings.USE_QUERY_CACHE, true)
            .applySetting(AvailableSettings.CACHE_REGION_FACTORY, "jcache")
            // regions are created on first use, with JCache's default configuration
            .applySetting("hibernate.javax.cache.missing_cache_strategy", "create")
            .applySetting(AvailableSettings.GENERATE_STATISTICS, true)
            .build();
    try {
      return new MetadataSources(registry)
          .addAnnotatedClass(Book.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }
}
