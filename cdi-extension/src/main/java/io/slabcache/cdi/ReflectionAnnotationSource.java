package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads annotations by reflection. Type-level annotations are looked up from the bean class up
 * through its superclasses, since the JSR-107 annotations are not {@code @Inherited} and
 * interception frameworks often call through generated subclasses.
 */
final class ReflectionAnnotationSource implements AnnotationSource {
  private final Class<?> beanClass;
  private final Method method;

  ReflectionAnnotationSource(Class<?> beanClass, Method method) {
    this.beanClass = beanClass;
    this.method = method;
  }

  @Override
  public Set<Annotation> methodAnnotations() {
    return Set.copyOf(Arrays.asList(method.getAnnotations()));
  }

  @Override
  public List<Set<Annotation>> parameterAnnotations() {
    List<Set<Annotation>> result = new ArrayList<>();
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      result.add(new LinkedHashSet<>(Arrays.asList(annotations)));
    }
    return result;
  }

  @Override
  public <A extends Annotation> A typeAnnotation(Class<A> type) {
    for (Class<?> c = beanClass; c != null; c = c.getSuperclass()) {
      A annotation = c.getAnnotation(type);
      if (annotation != null) {
        return annotation;
      }
    }
    return null;
  }
}
