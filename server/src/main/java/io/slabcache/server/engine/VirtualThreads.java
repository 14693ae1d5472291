package io.slabcache.server.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tells virtual threads (Java 21 and later) from platform threads, for the state the engine keeps
 * per thread: a program may run millions of short virtual threads, which must not each get arrays
 * of their own.
 */
final class VirtualThreads {

  /** {@code Thread.isVirtual()}, or null on a Java that has no virtual threads. */
  private static final MethodHandle IS_VIRTUAL = isVirtualMethod();

  private VirtualThreads() {}

  private static MethodHandle isVirtualMethod() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** Whether the calling thread is a virtual thread. */
  static boolean current() {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
    } catch (Throwable e) {
      throw new IllegalStateException("Thread.isVirtual failed", e);
    }
  }
}
