package io.slabcache.client;

/**
 * A connection already has as many requests in flight as the client allows; the request was not
 * sent.
 */
public final class OverloadedException extends MemcachedException {
  private static final long serialVersionUID = 1L;

  public OverloadedException(String message) {
    super(message);
  }
}
