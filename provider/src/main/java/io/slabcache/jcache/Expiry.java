package io.slabcache.jcache;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * Turns a cache's {@link ExpiryPolicy} into deadlines in unix milliseconds, and deadlines into
 * memcached exptimes; it also tells the time that deadlines are judged by. A deadline of {@link
 * #NEVER} never expires; {@link #NOW} means the entry is gone at once ({@link Duration#ZERO});
 * {@link #UNCHANGED} keeps the entry's deadline ({@code null}).
 */
final class Expiry {

  static final long NEVER = 0;
  static final long NOW = -1;
  static final long UNCHANGED = Long.MIN_VALUE;

  /** memcached reads exptimes above this many seconds as absolute unix times. */
  private static final long REALTIME_MAXDELTA = 60L * 60 * 24 * 30;

  private static final System.Logger LOG = System.getLogger(Expiry.class.getName());

  private final ExpiryPolicy policy;
  private final boolean eternal;
  private final LongSupplier clock;

  /**
   * @param factory the configured policy's factory; {@code null} for an eternal cache
   * @param clock the time in unix milliseconds
   */
  Expiry(Factory<ExpiryPolicy> factory, LongSupplier clock) {
    this.policy = factory == null ? new EternalExpiryPolicy() : factory.create();
    this.eternal = policy instanceof EternalExpiryPolicy;
    this.clock = clock;
  }

  ExpiryPolicy policy() {
    return policy;
  }

  /** Whether no entry ever expires. */
  boolean eternal() {
    return eternal;
  }

  /** The time expiry is judged by; an eternal cache has no deadlines, so it need not ask. */
  long now() {
    return eternal ? 0 : clock.getAsLong();
  }

  /** The deadline of a new entry; a policy that fails or answers {@code null} means never. */
  long forCreation(long now) {
    long deadline = deadline(policy::getExpiryForCreation, now);
    return deadline == UNCHANGED ? NEVER : deadline;
  }

  long forAccess(long now) {
    return deadline(policy::getExpiryForAccess, now);
  }

  long forUpdate(long now) {
    return deadline(policy::getExpiryForUpdate, now);
  }

  private static long deadline(Supplier<Duration> question, long now) {
    Duration duration;
    try {
      duration = question.get();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "expiry policy failed; the entry keeps its expiry", e);
      return UNCHANGED;
    }
    if (duration == null) {
      return UNCHANGED;
    }
    if (duration.isEternal()) {
      return NEVER;
    }
    if (duration.isZero()) {
      return NOW;
    }
    long millis;
    try {
      millis = Math.max(1, duration.getTimeUnit().toMillis(duration.getDurationAmount()));
      return Math.addExact(now, millis);
    } catch (ArithmeticException e) {
      return NEVER;
    }
  }

  /**
   * memcached's exptime for an item whose exact deadline is {@code deadline}: a bound a little
   * later than the deadline, in whole seconds, so that the store never drops an entry early.
   */
  static long exptime(long deadline, long now) {
    if (deadline == NEVER) {
      return 0;
    }
    long seconds = (deadline - now + 999) / 1000 + 1;
    if (seconds <= REALTIME_MAXDELTA) {
      return seconds;
    }
    return (deadline + 999) / 1000 + 1;
  }
}
