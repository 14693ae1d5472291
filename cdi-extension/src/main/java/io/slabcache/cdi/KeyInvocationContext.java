package io.slabcache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/** What key generators and cache resolvers see of one intercepted call. */
final class KeyInvocationContext<A extends Annotation> implements CacheKeyInvocationContext<A> {
  private final MethodDetails<A> details;
  private final ParameterLayout layout;
  private final Invocation invocation;
  private final CacheInvocationParameter[] parameters;

  KeyInvocationContext(MethodDetails<A> details, ParameterLayout layout, Invocation invocation) {
    this.details = details;
    this.layout = layout;
    this.invocation = invocation;
    Object[] arguments = invocation.arguments();
    this.parameters = new CacheInvocationParameter[layout.count()];
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] =
          new InvocationParameter(layout.type(i), arguments[i], layout.annotations(i), i);
    }
  }

  @Override
  public Method getMethod() {
    return details.getMethod();
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return details.getAnnotations();
  }

  @Override
  public A getCacheAnnotation() {
    return details.getCacheAnnotation();
  }

  @Override
  public String getCacheName() {
    return details.getCacheName();
  }

  @Override
  public Object getTarget() {
    return invocation.target();
  }

  @Override
  public CacheInvocationParameter[] getAllParameters() {
    return parameters.clone();
  }

  @Override
  public CacheInvocationParameter[] getKeyParameters() {
    int[] positions = layout.keyPositions();
    CacheInvocationParameter[] keys = new CacheInvocationParameter[positions.length];
    for (int i = 0; i < positions.length; i++) {
      keys[i] = parameters[positions[i]];
    }
    return keys;
  }

  @Override
  public CacheInvocationParameter getValueParameter() {
    int position = layout.valuePosition();
    return position < 0 ? null : parameters[position];
  }

  /** The value of the {@code @CacheValue} argument. */
  Object value() {
    return parameters[layout.valuePosition()].getValue();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    Object framework = invocation.frameworkContext();
    if (type.isInstance(framework)) {
      return type.cast(framework);
    }
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap to " + type.getName());
  }
}
