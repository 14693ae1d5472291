package io.slabcache.client;

/**
 * The server that owns the key is not connected (down, ejected after failures, or reconnecting);
 * the request was not sent, or its connection was lost before the answer came.
 */
public final class ServerUnavailableException extends MemcachedException {
  private static final long serialVersionUID = 1L;

  public ServerUnavailableException(String message) {
    super(message);
  }

  public ServerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
