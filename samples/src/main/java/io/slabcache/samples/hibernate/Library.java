package io.slabcache.samples.hibernate;

import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * A Hibernate session factory on an in-memory H2 database whose second-level cache regions are
 * caches of a JCache manager, through {@code hibernate-jcache}: the settings below are all it
 * takes. Hibernate reads {@code hibernate.javax.cache.uri} as the name of a configuration resource,
 * so a manager for a pool of servers is handed over as the manager itself.
 */
public final class Library {

  private Library() {}

  /**
   * @param regions the JCache manager the cache regions live in: for example Slabcache's default,
   *     an engine in this JVM, or one for {@code memcached://host:port,...}, a pool of memcached
   *     servers that every JVM of the application shares
   */
  public static SessionFactory open(String database, CacheManager regions) {
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder()
            .applySetting(AvailableSettings.JAKARTA_JDBC_URL, "jdbc:h2:mem:" + database)
            .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
            .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, true)
            .applySetting(AvailableSettings.USE_QUERY_CACHE, true)
            .applySetting(AvailableSettings.CACHE_REGION_FACTORY, "jcache")
            .applySetting("hibernate.javax.cache.cache_manager", regions)
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
