package io.slabcache.jcache;

/**
 * Closes what a cache made or was given when the cache closes: loaders, writers, listeners,
 * filters, expiry policies and their factories, when they can be closed. A failure is logged, so
 * that it does not keep the rest open.
 */
final class Closing {

  private static final System.Logger LOG = System.getLogger(Closing.class.getName());

  private Closing() {}

  static void quietly(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing " + resource + " failed", e);
      }
    }
  }
}
