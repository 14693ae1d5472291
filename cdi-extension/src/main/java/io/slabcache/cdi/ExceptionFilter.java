package io.slabcache.cdi;

import java.util.List;

/**
 * Decides whether a thrown exception triggers a cache action, from a list of types that do and a
 * list of types that do not, as every JSR-107 annotation defines it: with both lists empty the
 * answer is fixed; otherwise an exception must be an instance of an included type (when any are
 * given) and of no excluded type.
 */
final class ExceptionFilter {
  private final List<Class<? extends Throwable>> included;
  private final List<Class<? extends Throwable>> excluded;
  private final boolean whenUnspecified;

  private ExceptionFilter(
      Class<? extends Throwable>[] included,
      Class<? extends Throwable>[] excluded,
      boolean whenUnspecified) {
    this.included = List.of(included);
    this.excluded = List.of(excluded);
    this.whenUnspecified = whenUnspecified;
  }

  /** A filter that lets every exception through when both lists are empty. */
  static ExceptionFilter allUnlessSpecified(
      Class<? extends Throwable>[] included, Class<? extends Throwable>[] excluded) {
    return new ExceptionFilter(included, excluded, true);
  }

  /** A filter that lets no exception through when both lists are empty. */
  static ExceptionFilter noneUnlessSpecified(
      Class<? extends Throwable>[] included, Class<? extends Throwable>[] excluded) {
    return new ExceptionFilter(included, excluded, false);
  }

  boolean matches(Throwable thrown) {
    if (included.isEmpty() && excluded.isEmpty()) {
      return whenUnspecified;
    }
    return (included.isEmpty() || isInstanceOfAny(included, thrown))
        && !isInstanceOfAny(excluded, thrown);
  }

  private static boolean isInstanceOfAny(List<Class<? extends Throwable>> types, Throwable thrown) {
    for (Class<? extends Throwable> type : types) {
      if (type.isInstance(thrown)) {
        return true;
      }
    }
    return false;
  }
}
