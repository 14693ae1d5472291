package io.slabcache.samples.hibernate;

import io.slabcache.jcache.SlabCachingProvider;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Hibernate's second-level cache on Slabcache: a book read in one session is served to the next
 * from the cache, without a query, and an update reaches the cache as it commits. With no argument
 * the cache is an engine in this JVM; given {@code memcached://host:port}, it is that server.
 */
public final class SecondLevelCacheSample {

  /** Kept so that the level set on it stays: Hibernate's start-up notes are not the point here. */
  private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

  private SecondLevelCacheSample() {}

  public static void main(String[] args) {
    HIBERNATE_LOG.setLevel(Level.WARNING);
    CachingProvider slabcache = Caching.getCachingProvider(SlabCachingProvider.class.getName());
    URI uri = args.length > 0 ? URI.create(args[0]) : slabcache.getDefaultURI();
    try (CacheManager regions = slabcache.getCacheManager(uri, null);
        SessionFactory library = Library.open("library", regions)) {
      library.inTransaction(session -> session.persist(new Book(1, "Dune")));
      library.getCache().evictAllRegions();
      Statistics statistics = library.getStatistics();

      read(library, statistics, "first read");
      read(library, statistics, "second read");
      library.inTransaction(session -> session.find(Book.class, 1L).setTitle("Dune Messiah"));
      read(library, statistics, "after update");
    }
  }

  private static void read(SessionFactory library, Statistics statistics, String label) {
    long queries = statistics.getPrepareStatementCount();
    long hits = statistics.getSecondLevelCacheHitCount();
    String title = library.fromTransaction(session -> session.find(Book.class, 1L).getTitle());
    System.out.printf(
        "%-12s: %-12s %-17s (SQL statements: %d)%n",
        label,
        title,
        statistics.getSecondLevelCacheHitCount() > hits ? "from the cache" : "from the database",
        statistics.getPrepareStatementCount() - queries);
  }
}
