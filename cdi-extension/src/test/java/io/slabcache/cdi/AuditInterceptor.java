package io.slabcache.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls that reach application interceptors. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {
  static final AtomicInteger CALLS = new AtomicInteger();

  @AroundInvoke
  Object audit(InvocationContext context) throws Exception {
    CALLS.incrementAndGet();
    return context.proceed();
  }
}
