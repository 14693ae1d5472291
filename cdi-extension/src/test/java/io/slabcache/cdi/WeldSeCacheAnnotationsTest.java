package io.slabcache.cdi;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The annotations on beans added programmatically to a Weld SE container. */
class WeldSeCacheAnnotationsTest extends CacheAnnotationsContract {
  private static WeldContainer container;

  @BeforeAll
  static void startContainer() {
    container =
        new Weld("cache-annotations-se")
            .disableDiscovery()
            .addExtension(new CacheAnnotationsExtension())
            .addBeanClasses(
                Products.class,
                Inventory.class,
                Profiles.class,
                Sessions.class,
                Greeter.class,
                Tenants.class,
                TenantAdmin.class,
                CountingKeyGenerator.class,
                CountingKeyGenerator.KeyPrefix.class)
            .initialize();
  }

  @AfterAll
  static void stopContainer() {
    container.close();
  }

  @Override
  protected <T> T bean(Class<T> type) {
    return container.select(type).get();
  }
}
