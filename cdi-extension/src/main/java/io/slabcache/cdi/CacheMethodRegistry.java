package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/**
 * The operation of every annotated method, built on its first call and kept for all later ones. Key
 * generators and resolver factories named by the annotations are created once per type.
 */
final class CacheMethodRegistry {
  private final Components components;
  private final CacheResolverFactory defaultResolverFactory;
  private final CacheKeyGenerator defaultKeyGenerator = new DefaultCacheKeyGenerator();
  private final ConcurrentMap<Class<?>, Object> instances = new ConcurrentHashMap<>();
  private final ConcurrentMap<MethodKey, Optional<CacheOperation<?>>> operations =
      new ConcurrentHashMap<>();

  CacheMethodRegistry(Components components) {
    this.components = components;
    this.defaultResolverFactory = new DefaultCacheResolverFactory(components::cacheManager);
  }

  /**
   * The operation of a method of a bean class, or empty if no cache annotation applies to it.
   *
   * @param source the annotations of the method, read only on its first call
   */
  Optional<CacheOperation<?>> operation(
      Class<?> beanClass, Method method, Supplier<AnnotationSource> source) {
    MethodKey key = new MethodKey(beanClass, method);
    Optional<CacheOperation<?>> operation = operations.get(key);
    if (operation == null) {
      operation =
          operations.computeIfAbsent(
              key,
              k ->
                  Optional.ofNullable(CacheMethodDefinition.read(method, source.get()))
                      .map(this::bind));
    }
    return operation;
  }

  private CacheOperation<?> bind(CacheMethodDefinition definition) {
    MethodDetails<? extends Annotation> details = definition.details();
    CacheDefaults defaults = definition.defaults();
    Annotation annotation = details.getCacheAnnotation();
    if (annotation instanceof CacheResult result) {
      MethodDetails<CacheResult> resultDetails = narrow(details, CacheResult.class);
      CacheResolverFactory factory = resolverFactory(result.cacheResolverFactory(), defaults);
      CacheResolver exceptionResolver =
          result.exceptionCacheName().isEmpty()
              ? null
              : factory.getExceptionCacheResolver(resultDetails);
      return new CacheResultOperation(
          resultDetails,
          definition.parameters(),
          factory.getCacheResolver(details),
          exceptionResolver,
          keyGenerator(result.cacheKeyGenerator(), defaults));
    } else if (annotation instanceof CachePut put) {
      return new CachePutOperation(
          narrow(details, CachePut.class),
          definition.parameters(),
          resolverFactory(put.cacheResolverFactory(), defaults).getCacheResolver(details),
          keyGenerator(put.cacheKeyGenerator(), defaults));
    } else if (annotation instanceof CacheRemove remove) {
      return new CacheRemoveOperation(
          narrow(details, CacheRemove.class),
          definition.parameters(),
          resolverFactory(remove.cacheResolverFactory(), defaults).getCacheResolver(details),
          keyGenerator(remove.cacheKeyGenerator(), defaults));
    }
    CacheRemoveAll removeAll = (CacheRemoveAll) annotation;
    return new CacheRemoveAllOperation(
        narrow(details, CacheRemoveAll.class),
        definition.parameters(),
        resolverFactory(removeAll.cacheResolverFactory(), defaults).getCacheResolver(details));
  }

  /** The method's factory if named, else the one of {@code @CacheDefaults}, else the default. */
  private CacheResolverFactory resolverFactory(
      Class<? extends CacheResolverFactory> named, CacheDefaults defaults) {
    if (named != CacheResolverFactory.class) {
      return instance(named);
    }
    if (defaults != null && defaults.cacheResolverFactory() != CacheResolverFactory.class) {
      return instance(defaults.cacheResolverFactory());
    }
    return defaultResolverFactory;
  }

  /** The method's generator if named, else the one of {@code @CacheDefaults}, else the default. */
  private CacheKeyGenerator keyGenerator(
      Class<? extends CacheKeyGenerator> named, CacheDefaults defaults) {
    if (named != CacheKeyGenerator.class) {
      return instance(named);
    }
    if (defaults != null && defaults.cacheKeyGenerator() != CacheKeyGenerator.class) {
      return instance(defaults.cacheKeyGenerator());
    }
    return defaultKeyGenerator;
  }

  private <T> T instance(Class<T> type) {
    return type.cast(instances.computeIfAbsent(type, components::instance));
  }

  @SuppressWarnings("unchecked")
  private static <A extends Annotation> MethodDetails<A> narrow(
      MethodDetails<? extends Annotation> details, Class<A> type) {
    if (details.getCacheAnnotation().annotationType() != type) {
      throw new IllegalArgumentException(details + " is not a @" + type.getSimpleName());
    }
    return (MethodDetails<A>) details;
  }

  private record MethodKey(Class<?> beanClass, Method method) {}
}
