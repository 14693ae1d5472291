package io.slabcache.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheException;

/**
 * Makes the JSR-107 annotations {@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove} and
 * {@code @CacheRemoveAll} (with {@code @CacheDefaults}, {@code @CacheKey} and {@code @CacheValue})
 * work on CDI beans, with any JCache provider.
 *
 * <p>The extension registers the four annotations as interceptor bindings whose members are all
 * non-binding, and enables their interceptors globally, so no {@code beans.xml} entry is needed.
 * Misused annotations (two cache annotations on one method, a {@code @CachePut} without a
 * {@code @CacheValue} parameter...) fail the deployment.
 *
 * <p>Caches are resolved by name from a {@link javax.cache.CacheManager} bean if the application
 * has one, else from the default cache manager of the default caching provider; missing caches are
 * created with a default configuration. A {@code CacheKeyGenerator} or {@code CacheResolverFactory}
 * named in an annotation is used as a bean if it is one, else created through its public
 * no-argument constructor.
 */
public class CacheAnnotationsExtension implements Extension {
  private static final List<Class<?>> INTERCEPTORS =
      List.of(
          CacheResultInterceptor.class,
          CachePutInterceptor.class,
          CacheRemoveInterceptor.class,
          CacheRemoveAllInterceptor.class);

  private final Map<Class<?>, AnnotatedType<?>> annotatedTypes = new ConcurrentHashMap<>();
  private volatile CacheMethodRegistry registry;

  /** Creates the extension; the container does this once per deployment. */
  public CacheAnnotationsExtension() {}

  void registerInterceptors(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
    registry = new CacheMethodRegistry(new BeanManagerComponents(beanManager));
    // The javax annotations carry no jakarta meta-annotations: make them bindings here, with
    // every member non-binding so that one interceptor serves all their uses.
    for (Class<? extends Annotation> binding : CacheMethodDefinition.OPERATION_TYPES) {
      event
          .configureInterceptorBinding(binding)
          .methods()
          .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
    }
    for (Class<?> interceptor : INTERCEPTORS) {
      event.addAnnotatedType(interceptor, interceptor.getName());
    }
  }

  <T> void checkCacheAnnotations(@Observes ProcessManagedBean<T> event) {
    if (event.getBean() instanceof Interceptor<?>) {
      return;
    }
    AnnotatedType<T> type = event.getAnnotatedBeanClass();
    Map<String, CacheException> errors = new LinkedHashMap<>();
    boolean annotated = false;
    for (AnnotatedMethod<? super T> method : type.getMethods()) {
      if (!isInterceptable(method.getJavaMember())) {
        continue;
      }
      try {
        annotated |=
            CacheMethodDefinition.read(
                    method.getJavaMember(), new AnnotatedMethodSource(type, method))
                != null;
      } catch (CacheException e) {
        errors.putIfAbsent(e.getMessage(), e);
      }
    }
    errors.values().forEach(e -> event.addDefinitionError(new DefinitionException(e)));
    if (annotated) {
      annotatedTypes.put(type.getJavaClass(), type);
    }
  }

  /** Whether the container intercepts calls of the method; no other method is checked. */
  private static boolean isInterceptable(Method method) {
    int modifiers = method.getModifiers();
    return !Modifier.isStatic(modifiers)
        && !Modifier.isPrivate(modifiers)
        && method.getDeclaringClass() != Object.class;
  }

  /** The operation for an intercepted call, built on the first call of its method. */
  Optional<CacheOperation<?>> operation(Bean<?> bean, InvocationContext context) {
    Class<?> beanClass = bean.getBeanClass();
    Method method = context.getMethod();
    return registry.operation(beanClass, method, () -> annotationSource(beanClass, context));
  }

  private AnnotationSource annotationSource(Class<?> beanClass, InvocationContext context) {
    Method method = context.getMethod();
    AnnotatedType<?> type = annotatedTypes.get(beanClass);
    if (type != null) {
      for (AnnotatedMethod<?> annotated : type.getMethods()) {
        if (annotated.getJavaMember().equals(method)) {
          return new AnnotatedMethodSource(type, annotated);
        }
      }
    }
    // Not seen at deployment (an instance intercepted through an InterceptionFactory, say):
    // the class of the target carries the annotations.
    return new ReflectionAnnotationSource(context.getTarget().getClass(), method);
  }
}
