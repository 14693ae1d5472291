package io.slabcache.client;

/**
 * The server did not answer within the operation timeout; the operation may or may not have run.
 */
public final class OperationTimeoutException extends MemcachedException {
  private static final long serialVersionUID = 1L;

  public OperationTimeoutException(String message) {
    super(message);
  }
}
