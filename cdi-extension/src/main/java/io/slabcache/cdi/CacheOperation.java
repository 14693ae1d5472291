package io.slabcache.cdi;

import java.lang.annotation.Annotation;

/**
 * What one annotated method does around its invocation, with everything that does not change
 * between calls (annotation, cache name, parameter roles, resolvers, key generator) resolved once.
 */
abstract sealed class CacheOperation<A extends Annotation>
    permits CacheResultOperation, CachePutOperation, CacheRemoveOperation, CacheRemoveAllOperation {
  private final MethodDetails<A> details;
  private final ParameterLayout parameters;

  CacheOperation(MethodDetails<A> details, ParameterLayout parameters) {
    this.details = details;
    this.parameters = parameters;
  }

  /** The annotation type that defines this operation. */
  final Class<? extends Annotation> annotationType() {
    return details.getCacheAnnotation().annotationType();
  }

  final MethodDetails<A> details() {
    return details;
  }

  final KeyInvocationContext<A> context(Invocation invocation) {
    return new KeyInvocationContext<>(details, parameters, invocation);
  }

  /** Runs the method with this operation's cache reads and writes around it. */
  abstract Object invoke(Invocation invocation) throws Exception;

  @Override
  public String toString() {
    return details.toString();
  }
}
