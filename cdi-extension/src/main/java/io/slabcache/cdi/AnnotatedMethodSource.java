package io.slabcache.cdi;

import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;

/**
 * Annotations as the container sees them, so that annotations added or removed by portable
 * extensions count. Type-level annotations missing on the bean class are looked up on its
 * superclasses by reflection.
 */
final class AnnotatedMethodSource implements AnnotationSource {
  private final AnnotatedType<?> type;
  private final AnnotatedMethod<?> method;

  AnnotatedMethodSource(AnnotatedType<?> type, AnnotatedMethod<?> method) {
    this.type = type;
    this.method = method;
  }

  @Override
  public Set<Annotation> methodAnnotations() {
    return method.getAnnotations();
  }

  @Override
  public List<Set<Annotation>> parameterAnnotations() {
    return method.getParameters().stream().map(Annotated::getAnnotations).toList();
  }

  @Override
  public <A extends Annotation> A typeAnnotation(Class<A> annotationType) {
    A annotation = type.getAnnotation(annotationType);
    Class<?> superclass = type.getJavaClass().getSuperclass();
    if (annotation != null || superclass == null) {
      return annotation;
    }
    return new ReflectionAnnotationSource(superclass, method.getJavaMember())
        .typeAnnotation(annotationType);
  }
}
