package io.slabcache.client;

/** An operation failed: the server could not be reached, did not answer in time, or refused it. */
public class MemcachedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MemcachedException(String message) {
    super(message);
  }

  public MemcachedException(String message, Throwable cause) {
    super(message, cause);
  }
}
