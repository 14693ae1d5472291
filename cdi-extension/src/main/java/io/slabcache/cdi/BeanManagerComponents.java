package io.slabcache.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import javax.cache.CacheManager;

/**
 * Components from the container where it has them: a key generator, resolver factory or cache
 * manager that is a bean is used as such; otherwise the reflective defaults apply.
 */
final class BeanManagerComponents extends ReflectiveComponents {
  private final BeanManager beanManager;

  BeanManagerComponents(BeanManager beanManager) {
    this.beanManager = beanManager;
  }

  @Override
  public <T> T instance(Class<T> type) {
    Instance<T> bean = beanManager.createInstance().select(type);
    return bean.isResolvable() ? bean.get() : super.instance(type);
  }

  @Override
  public CacheManager cacheManager() {
    Instance<CacheManager> bean = beanManager.createInstance().select(CacheManager.class);
    return bean.isResolvable() ? bean.get() : super.cacheManager();
  }
}
