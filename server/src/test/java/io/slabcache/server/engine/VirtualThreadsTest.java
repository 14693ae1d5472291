package io.slabcache.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Virtual threads are told apart, where the Java running the tests has them (21 and later). */
class VirtualThreadsTest {

  /** {@code Thread.startVirtualThread(Runnable)}, or null on a Java without virtual threads. */
  static MethodHandle startVirtualThread() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              Thread.class,
              "startVirtualThread",
              MethodType.methodType(Thread.class, Runnable.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  @Test
  void platformThreadsAreNotVirtual() {
    assertThat(VirtualThreads.current()).isFalse();
  }

  @Test
  void virtualThreadsAreAndQueueNoBumps() throws Throwable {
    MethodHandle start = startVirtualThread();
    assumeTrue(start != null, "this Java has no virtual threads");
    BumpQueues queues = new BumpQueues(() -> {});
    AtomicBoolean virtual = new AtomicBoolean();
    AtomicBoolean queuesBumps = new AtomicBoolean(true);
    Runnable probe =
        () -> {
          virtual.set(VirtualThreads.current());
          queuesBumps.set(queues.queuesForThisThread());
        };
    ((Thread) start.invokeExact(probe)).join();
    assertThat(virtual).isTrue();
    assertThat(queuesBumps).isFalse();
  }
}
