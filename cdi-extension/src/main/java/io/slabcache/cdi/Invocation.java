package io.slabcache.cdi;

import java.lang.reflect.Method;

/** One intercepted method call, as any interception framework presents it. */
interface Invocation {

  /** The invoked method, as declared by the bean class or one of its superclasses. */
  Method method();

  /** The instance the method is invoked on. */
  Object target();

  /** The arguments of the call; the array is not modified. */
  Object[] arguments();

  /** Runs the rest of the interceptor chain and the method itself. */
  Object proceed() throws Exception;

  /** The framework's own view of the call, offered through {@code unwrap}. */
  Object frameworkContext();
}
