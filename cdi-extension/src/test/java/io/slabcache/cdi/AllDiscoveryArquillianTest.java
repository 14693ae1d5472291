package io.slabcache.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The annotations on beans discovered in a {@code bean-discovery-mode="all"} archive. */
@ExtendWith(ArquillianExtension.class)
class AllDiscoveryArquillianTest extends CacheAnnotationsContract {
  @Inject BeanManager beanManager;

  @Deployment
  static JavaArchive deployment() {
    return ArquillianDeployments.contractBeans("all");
  }

  @Test
  void classesWithoutBeanDefiningAnnotationAreInterceptedBeans() {
    destroyAllCaches();
    PlainCatalog catalog = bean(PlainCatalog.class);

    String title = catalog.title("isbn-1");
    assertThat(catalog.title("isbn-1")).isEqualTo(title);
    assertThat(contents("catalog")).containsExactly(entry(key("isbn-1"), title));
  }

  @Override
  protected <T> T bean(Class<T> type) {
    return beanManager.createInstance().select(type).get();
  }
}
