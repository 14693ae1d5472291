package io.slabcache.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The annotations on beans discovered in a {@code bean-discovery-mode="annotated"} archive. */
@ExtendWith(ArquillianExtension.class)
class AnnotatedDiscoveryArquillianTest extends CacheAnnotationsContract {
  @Inject BeanManager beanManager;

  @Deployment
  static JavaArchive deployment() {
    return ArquillianDeployments.contractBeans("annotated");
  }

  @Test
  void classesWithoutBeanDefiningAnnotationAreNotBeans() {
    assertThat(beanManager.getBeans(PlainCatalog.class)).isEmpty();
  }

  @Override
  protected <T> T bean(Class<T> type) {
    return beanManager.createInstance().select(type).get();
  }
}
