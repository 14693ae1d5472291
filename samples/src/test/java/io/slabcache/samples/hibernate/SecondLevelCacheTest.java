package io.slabcache.samples.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.jcache.SlabCachingProvider;
import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.net.MemcachedServer;
import io.slabcache.server.net.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hibernate's second-level and query caches on Slabcache through {@code hibernate-jcache}, on an
 * engine in this JVM and on a Slabcache server over the wire: what is read once is read again
 * without SQL, and what changes reaches the cache as its transaction commits.
 */
class SecondLevelCacheTest {

  enum Where {
    EMBEDDED,
    SERVER,
    /** On a server, named in a configuration file as a persistence.xml would name it. */
    SERVER_BY_CONFIGURATION_FILE
  }

  @TempDir Path directory;

  private final CachingProvider slabcache =
      Caching.getCachingProvider(SlabCachingProvider.class.getName());
  private SlabEngine engine;
  private MemcachedServer server;
  private CacheManager regions;
  private SessionFactory library;
  private Statistics statistics;

  @AfterEach
  void close() {
    if (library != null) {
      library.close();
    }
    if (regions != null) {
      regions.close();
    }
    if (server != null) {
      server.close();
      engine.close();
    }
  }

  private void open(Where where) throws IOException {
    URI uri = slabcache.getDefaultURI();
    if (where != Where.EMBEDDED) {
      engine = SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(16).build());
      server =
          MemcachedServer.start(
              ServerSettings.builder().host("127.0.0.1").port(0).threads(1).build(), engine);
      uri = URI.create("memcached://127.0.0.1:" + server.port());
    }
    if (where == Where.SERVER_BY_CONFIGURATION_FILE) {
      Path file = directory.resolve("slabcache.properties");
      Files.writeString(file, "slabcache.uri=" + uri + "\n");
      library = Library.open("library_" + where, file.toUri().toString());
    } else {
      regions = slabcache.getCacheManager(uri, getClass().getClassLoader());
      library = Library.open("library_" + where, regions);
    }
    statistics = library.getStatistics();
    library.inTransaction(
        session -> {
          session.persist(new Book(1, "Dune"));
          session.persist(new Book(2, "Hyperion"));
        });
    library.getCache().evictAllRegions();
    statistics.clear();
  }

  /** Runs {@code read} and answers how many SQL statements it took. */
  private <T> long statementsFor(Supplier<T> read) {
    long before = statistics.getPrepareStatementCount();
    read.get();
    return statistics.getPrepareStatementCount() - before;
  }

  private String title(long id) {
    return library.fromTransaction(session -> session.find(Book.class, id).getTitle());
  }

  @ParameterizedTest
  @EnumSource(Where.class)
  void anEntityReadOnceIsReadAgainFromTheCache(Where where) throws IOException {
    open(where);

    assertThat(statementsFor(() -> title(1))).isEqualTo(1);
    assertThat(statementsFor(() -> title(1))).isZero();
    assertThat(title(1)).isEqualTo("Dune");
    assertThat(statistics.getSecondLevelCacheMissCount()).isEqualTo(1);
    assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(2);
    assertThat(library.getCache().containsEntity(Book.class, 1L)).isTrue();
    assertThat(library.getCache().containsEntity(Book.class, 2L)).isFalse();
    if (where != Where.EMBEDDED) {
      assertThat(Long.parseLong(engine.stats().general().get("curr_items"))).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(Where.class)
  void anUpdateAndADeleteReachTheCacheWhenTheyCommit(Where where) throws IOException {
    open(where);
    title(1);

    library.inTransaction(session -> session.find(Book.class, 1L).setTitle("Dune Messiah"));
    assertThat(statementsFor(() -> title(1))).isZero();
    assertThat(title(1)).isEqualTo("Dune Messiah");

    library.inTransaction(session -> session.remove(session.find(Book.class, 1L)));
    // read-write access leaves a lock in the removed entry's place: the next read asks the database
    long hits = statistics.getSecondLevelCacheHitCount();
    assertThat(statementsFor(() -> library.fromTransaction(s -> s.find(Book.class, 1L))))
        .isEqualTo(1);
    Book removed = library.fromTransaction(session -> session.find(Book.class, 1L));
    assertThat(removed).isNull();
    assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(hits);
  }

  @ParameterizedTest
  @EnumSource(Where.class)
  void aCachedQueryRunsOnceUntilItsTableChanges(Where where) throws IOException {
    open(where);
    Supplier<List<String>> titlesStartingWithH =
        () ->
            library.fromTransaction(
                session ->
                    session
                        .createSelectionQuery(
                            "select title from Book where title like 'H%' order by title",
                            String.class)
                        .setCacheable(true)
                        .getResultList());

    assertThat(statementsFor(titlesStartingWithH)).isEqualTo(1);
    assertThat(statementsFor(titlesStartingWithH)).isZero();
    assertThat(statistics.getQueryCacheHitCount()).isEqualTo(1);

    library.inTransaction(session -> session.persist(new Book(3, "Hamlet")));
    assertThat(statementsFor(titlesStartingWithH)).isEqualTo(1);
    assertThat(titlesStartingWithH.get()).containsExactly("Hamlet", "Hyperion");
  }
}
