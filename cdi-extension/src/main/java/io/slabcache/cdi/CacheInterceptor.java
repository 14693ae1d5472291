package io.slabcache.cdi;

import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serial;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * The CDI side of one cache annotation: finds the operation of the intercepted method and runs it.
 * When a method has its own cache annotation and its class another, only the interceptor of the
 * method's annotation acts; the others just proceed.
 */
abstract class CacheInterceptor implements Serializable {
  /** Before application interceptors, so that a cache hit skips them. */
  static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 100;

  @Serial private static final long serialVersionUID = 1L;

  private final Class<? extends Annotation> binding;
  @Inject @Intercepted private Bean<?> bean;
  @Inject private BeanManager beanManager;

  CacheInterceptor(Class<? extends Annotation> binding) {
    this.binding = binding;
  }

  @AroundInvoke
  Object intercept(InvocationContext context) throws Exception {
    Optional<CacheOperation<?>> operation =
        beanManager.getExtension(CacheAnnotationsExtension.class).operation(bean, context);
    if (operation.isEmpty() || operation.get().annotationType() != binding) {
      return context.proceed();
    }
    return operation.get().invoke(new ContextInvocation(context));
  }
}
