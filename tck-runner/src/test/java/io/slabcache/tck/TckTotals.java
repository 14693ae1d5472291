package io.slabcache.tck;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.BeanProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the totals of a TCK run when it ends: tests and classes run, passed, failed, skipped, and
 * whether the annotation tests really ran (the TCK reports them passed when it finds no {@link
 * BeanProvider}).
 */
public final class TckTotals implements TestExecutionListener {

  private static final String ANNOTATION_TESTS = "org.jsr107.tck.annotation.";

  private final AtomicInteger tests = new AtomicInteger();
  private final AtomicInteger passed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger aborted = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicInteger annotationTests = new AtomicInteger();
  private final Set<String> classes = ConcurrentHashMap.newKeySet();

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    if (test.isTest()) {
      count(test);
      skipped.incrementAndGet();
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest()) {
      return;
    }
    count(test);
    switch (result.getStatus()) {
      case SUCCESSFUL -> passed.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
      case ABORTED -> aborted.incrementAndGet();
    }
  }

  private void count(TestIdentifier test) {
    tests.incrementAndGet();
    if (test.getSource().orElse(null) instanceof MethodSource method) {
      classes.add(method.getClassName());
      if (method.getClassName().startsWith(ANNOTATION_TESTS)) {
        annotationTests.incrementAndGet();
      }
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (classes.stream().noneMatch(c -> c.startsWith("org.jsr107.tck."))) {
      return;
    }
    System.out.printf(
        "%nJSR-107 TCK totals, %s mode: %d tests in %d classes: %d passed, %d failed, %d aborted,"
            + " %d skipped%n",
        TckServers.mode(),
        tests.get(),
        classes.size(),
        passed.get(),
        failed.get(),
        aborted.get(),
        skipped.get());
    boolean beanProvider = ServiceLoader.load(BeanProvider.class).findFirst().isPresent();
    System.out.printf(
        beanProvider
            ? "Annotation tests: %d run through a BeanProvider.%n"
            : "Annotation tests: %d reported passed WITHOUT RUNNING (no BeanProvider found).%n",
        annotationTests.get());
  }
}
