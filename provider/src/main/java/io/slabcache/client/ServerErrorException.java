package io.slabcache.client;

/** The server answered with {@code ERROR}, {@code CLIENT_ERROR} or {@code SERVER_ERROR}. */
public final class ServerErrorException extends MemcachedException {
  private static final long serialVersionUID = 1L;

  public ServerErrorException(String message) {
    super(message);
  }
}
