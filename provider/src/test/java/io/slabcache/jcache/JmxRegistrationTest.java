package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JSR-107's MXBean names hold only the manager's URI and the cache's name: two managers of the same
 * URI may each have a cache of the same name, and one of them closing does not take the other's
 * beans away.
 */
class JmxRegistrationTest {

  private final SlabCachingProvider first = new SlabCachingProvider();
  private final SlabCachingProvider second = new SlabCachingProvider();
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  private static Cache<String, String> managedCache(SlabCachingProvider provider) {
    return provider
        .getCacheManager()
        .createCache(
            "orders",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setManagementEnabled(true)
                .setStatisticsEnabled(true));
  }

  private ObjectName name(Cache<?, ?> cache, String type) throws Exception {
    return new ObjectName(
        "javax.cache:type="
            + type
            + ",CacheManager="
            + cache.getCacheManager().getURI().toString().replaceAll("[,:=\n]", ".")
            + ",Cache="
            + cache.getName());
  }

  @Test
  void theFirstCacheKeepsItsBeansWhenAnotherOfTheSameNameCloses() throws Exception {
    Cache<String, String> mine = managedCache(first);
    Cache<String, String> theirs = managedCache(second);
    assertThat(theirs.getCacheManager().getURI()).isEqualTo(mine.getCacheManager().getURI());
    mine.put("a", "1");
    mine.put("b", "2");
    theirs.put("c", "3");
    ObjectName statistics = name(mine, "CacheStatistics");
    ObjectName configuration = name(mine, "CacheConfiguration");

    theirs.close();

    assertThat(server.isRegistered(statistics)).isTrue();
    assertThat(server.isRegistered(configuration)).isTrue();
    assertThat(server.getAttribute(statistics, "CachePuts")).isEqualTo(2L);

    mine.close();

    assertThat(server.isRegistered(statistics)).isFalse();
    assertThat(server.isRegistered(configuration)).isFalse();
  }
}
