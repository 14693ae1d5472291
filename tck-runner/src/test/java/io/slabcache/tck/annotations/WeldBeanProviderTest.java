package io.slabcache.tck.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import domain.Blog;
import java.util.ServiceLoader;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.annotation.BeanProvider;
import manager.BlogManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TCK reports its annotation tests as passed without running them when it finds no bean
 * provider; this makes sure it finds ours and that the beans it hands out are intercepted.
 */
class WeldBeanProviderTest {

  @ParameterizedTest
  @CsvSource({
    "manager.CacheNameOnEachMethodBlogManagerImpl, blogManager",
    "manager.ClassLevelCacheConfigBlogManagerImpl, blgMngr",
    "manager.UsingDefaultCacheNameBlogManagerImpl,"
        + " 'manager.UsingDefaultCacheNameBlogManagerImpl.getEntryCached(java.lang.String)'"
  })
  void theTckFindsThisProviderAndItsBeansCacheIntoTheExpectedCache(
      Class<? extends BlogManager> type, String cacheName) {
    BeanProvider provider = ServiceLoader.load(BeanProvider.class).iterator().next();
    assertThat(provider).isInstanceOf(WeldBeanProvider.class);

    BlogManager manager = provider.getBeanByType(type);
    String title = "title of " + type.getSimpleName();
    manager.createEntry(new Blog(title, "body"));
    assertThat(manager.getEntryCached(title).getBody()).isEqualTo("body");
    manager.clearEntry(title);

    assertThat(manager.getEntryCached(title).getBody()).isEqualTo("body");
    Cache<Object, Object> cache =
        Caching.getCachingProvider().getCacheManager().getCache(cacheName);
    assertThat(cache).isNotNull();
    assertThat(cache.iterator().hasNext()).isTrue();

    manager.clearCache();
    assertThat(cache.iterator().hasNext()).isFalse();
    assertThat(manager.getEntryCached(title)).isNull();
  }
}
