package io.slabcache.server.cli;

/** A command line that cannot be run; its message says why. */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
