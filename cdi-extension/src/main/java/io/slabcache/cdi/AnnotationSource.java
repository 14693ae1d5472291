package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;

/**
 * Where the annotations of one method come from: reflection, or a container's own view of the bean
 * class, which may carry annotations added at deployment.
 */
interface AnnotationSource {

  /** The annotations on the method itself. */
  Set<Annotation> methodAnnotations();

  /** The annotations on each parameter, in declaration order. */
  List<Set<Annotation>> parameterAnnotations();

  /** The annotation of the given type on the bean class, or {@code null}. */
  <A extends Annotation> A typeAnnotation(Class<A> type);

  /** The annotation of the given type among {@code annotations}, or {@code null}. */
  static <A extends Annotation> A find(Set<Annotation> annotations, Class<A> type) {
    for (Annotation annotation : annotations) {
      if (annotation.annotationType() == type) {
        return type.cast(annotation);
      }
    }
    return null;
  }
}
