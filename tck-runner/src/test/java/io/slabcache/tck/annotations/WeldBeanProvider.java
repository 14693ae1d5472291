package io.slabcache.tck.annotations;

import io.slabcache.cdi.CacheAnnotationsExtension;
import javax.cache.annotation.BeanProvider;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import manager.ClassLevelCacheConfigBlogManagerImpl;
import manager.UsingDefaultCacheNameBlogManagerImpl;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Gives the TCK's annotation tests the blog managers as beans of a Weld SE container in which the
 * Slabcache CDI extension intercepts the JSR-107 annotations. Caches come from the default cache
 * manager of the default caching provider, as in the rest of the TCK.
 */
public class WeldBeanProvider implements BeanProvider {

  /** Started on the first request, stopped by Weld's shutdown hook. */
  private static final class Container {
    static final WeldContainer INSTANCE =
        new Weld("slabcache-tck-annotations")
            // The managers have no bean-defining annotation: add them explicitly, to the one
            // synthetic bean archive. (Weld 6 drops explicitly added classes when isolation is
            // disabled as well, and with one archive isolation changes nothing.)
            .disableDiscovery()
            .addExtension(new CacheAnnotationsExtension())
            .addBeanClasses(
                UsingDefaultCacheNameBlogManagerImpl.class,
                ClassLevelCacheConfigBlogManagerImpl.class,
                CacheNameOnEachMethodBlogManagerImpl.class)
            .initialize();
  }

  /** Creates the provider; the TCK finds it through {@link java.util.ServiceLoader}. */
  public WeldBeanProvider() {}

  @Override
  public <T> T getBeanByType(Class<T> beanClass) {
    return Container.INSTANCE.select(beanClass).get();
  }
}
