package io.slabcache.benchmarks.load;

/**
 * One server under load.
 *
 * @param label name printed with its results
 * @param port its port on the load's host
 * @param pid its process, whose CPU time is read from {@code /proc}; 0 when not known
 */
record LoadTarget(String label, int port, long pid) {

  /** {@code label=port} or {@code label=port:pid}. */
  static LoadTarget parse(String text) {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("a target is label=port[:pid], not " + text);
    }
    String address = text.substring(equals + 1);
    int colon = address.indexOf(':');
    int port = Integer.parseInt(colon < 0 ? address : address.substring(0, colon));
    long pid = colon < 0 ? 0 : Long.parseLong(address.substring(colon + 1));
    return new LoadTarget(text.substring(0, equals), port, pid);
  }
}
