package io.slabcache.server.protocol.binary;

/** Binary protocol response status codes and memcached's texts for them. */
final class Status {

  static final int SUCCESS = 0x00;
  static final int KEY_ENOENT = 0x01;
  static final int KEY_EEXISTS = 0x02;
  static final int E2BIG = 0x03;
  static final int EINVAL = 0x04;
  static final int NOT_STORED = 0x05;
  static final int DELTA_BADVAL = 0x06;
  static final int AUTH_ERROR = 0x20;
  static final int AUTH_CONTINUE = 0x21;
  static final int UNKNOWN_COMMAND = 0x81;
  static final int ENOMEM = 0x82;

  private Status() {}

  static String text(int status) {
    switch (status) {
      case ENOMEM:
        return "Out of memory";
      case UNKNOWN_COMMAND:
        return "Unknown command";
      case KEY_ENOENT:
        return "Not found";
      case EINVAL:
        return "Invalid arguments";
      case KEY_EEXISTS:
        return "Data exists for key.";
      case E2BIG:
        return "Too large.";
      case DELTA_BADVAL:
        return "Non-numeric server-side value for incr or decr";
      case NOT_STORED:
        return "Not stored.";
      case AUTH_ERROR:
        return "Auth failure.";
      default:
        return "";
    }
  }
}
