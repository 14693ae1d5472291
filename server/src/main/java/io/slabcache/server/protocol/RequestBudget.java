package io.slabcache.server.protocol;

import java.util.Objects;

/**
 * memcached's {@code -R}: how many requests a connection is served in one turn before the other
 * connections of its thread get theirs, and whom to tell each time it gives way.
 *
 * @param requestsPerEvent requests served in one turn
 * @param yielded called each time a connection has used up its turn ({@code conn_yields})
 */
public record RequestBudget(int requestsPerEvent, Runnable yielded) {

  /** No limit, for decoders driven by hand rather than by a server. */
  public static final RequestBudget UNLIMITED = new RequestBudget(Integer.MAX_VALUE, () -> {});

  public RequestBudget {
    if (requestsPerEvent < 1) {
      throw new IllegalArgumentException("requests per event must be positive");
    }
    Objects.requireNonNull(yielded, "yielded");
  }
}
