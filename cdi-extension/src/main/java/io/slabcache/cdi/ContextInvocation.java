package io.slabcache.cdi;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/** An intercepted CDI call seen as an {@link Invocation}. */
record ContextInvocation(InvocationContext context) implements Invocation {

  @Override
  public Method method() {
    return context.getMethod();
  }

  @Override
  public Object target() {
    return context.getTarget();
  }

  @Override
  public Object[] arguments() {
    return context.getParameters();
  }

  @Override
  public Object proceed() throws Exception {
    return context.proceed();
  }

  @Override
  public Object frameworkContext() {
    return context;
  }
}
