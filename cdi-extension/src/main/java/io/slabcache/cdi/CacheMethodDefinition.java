package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.cache.CacheException;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * What the annotations say about one method: which cache annotation applies (the method's own, else
 * the bean class's), the cache name, and the parameter roles. Reading it creates nothing, so a
 * container can check every annotated method at deployment.
 */
record CacheMethodDefinition(
    MethodDetails<? extends Annotation> details,
    ParameterLayout parameters,
    CacheDefaults defaults) {

  /** The four annotations that make a method a cache operation. */
  static final List<Class<? extends Annotation>> OPERATION_TYPES =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  /**
   * Reads the definition of a method, or returns {@code null} when neither the method nor the bean
   * class carries a cache annotation.
   *
   * @throws CacheException if the annotations are used in a way JSR-107 does not allow
   */
  static CacheMethodDefinition read(Method method, AnnotationSource source) {
    Set<Annotation> methodAnnotations = source.methodAnnotations();
    Annotation operation = single(methodAnnotations, "method " + method);
    if (operation == null) {
      List<Annotation> onType = new ArrayList<>();
      for (Class<? extends Annotation> type : OPERATION_TYPES) {
        Annotation annotation = source.typeAnnotation(type);
        if (annotation != null) {
          onType.add(annotation);
        }
      }
      operation = single(onType, "the class of " + method);
    }
    if (operation == null) {
      return null;
    }
    CacheDefaults defaults = source.typeAnnotation(CacheDefaults.class);
    String cacheName = cacheName(explicitName(operation), defaults, method);
    ParameterLayout parameters =
        ParameterLayout.of(method, source.parameterAnnotations(), operation instanceof CachePut);
    return new CacheMethodDefinition(
        details(method, methodAnnotations, operation, cacheName), parameters, defaults);
  }

  private static Annotation single(Collection<Annotation> annotations, String where) {
    List<Annotation> operations =
        OPERATION_TYPES.stream()
            .flatMap(type -> annotations.stream().filter(a -> a.annotationType() == type))
            .toList();
    if (operations.size() > 1) {
      throw new CacheException(
          "Only one of @CacheResult, @CachePut, @CacheRemove, @CacheRemoveAll may annotate "
              + where
              + ", found "
              + operations.stream()
                  .map(a -> "@" + a.annotationType().getSimpleName())
                  .collect(Collectors.joining(", ")));
    }
    return operations.isEmpty() ? null : operations.get(0);
  }

  private static <A extends Annotation> MethodDetails<A> details(
      Method method, Set<Annotation> annotations, A operation, String cacheName) {
    return new MethodDetails<>(method, annotations, operation, cacheName);
  }

  private static String explicitName(Annotation operation) {
    if (operation instanceof CacheResult result) {
      return result.cacheName();
    } else if (operation instanceof CachePut put) {
      return put.cacheName();
    } else if (operation instanceof CacheRemove remove) {
      return remove.cacheName();
    }
    return ((CacheRemoveAll) operation).cacheName();
  }

  /**
   * The method's own name if given, else the one of {@code @CacheDefaults}, else the generated
   * {@code package.Class.method(package.ParameterType,...)}.
   */
  static String cacheName(String explicit, CacheDefaults defaults, Method method) {
    if (!explicit.isEmpty()) {
      return explicit;
    }
    if (defaults != null && !defaults.cacheName().isEmpty()) {
      return defaults.cacheName();
    }
    return method.getDeclaringClass().getName()
        + "."
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getName)
            .collect(Collectors.joining(",", "(", ")"));
  }
}
