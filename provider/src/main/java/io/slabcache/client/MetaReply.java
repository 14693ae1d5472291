package io.slabcache.client;

import java.util.List;

/**
 * One answer of a memcached server: a meta return code ({@code HD VA EN NF NS EX MN}) with its
 * flags and data block, or an error line ({@code ERROR}, {@code CLIENT_ERROR}, {@code
 * SERVER_ERROR}) with its message.
 */
final class MetaReply {

  static final String ERROR = "ERROR";
  static final String CLIENT_ERROR = "CLIENT_ERROR";
  static final String SERVER_ERROR = "SERVER_ERROR";

  final String code;
  final List<String> flags;
  final byte[] value;
  final String message;

  private MetaReply(String code, List<String> flags, byte[] value, String message) {
    this.code = code;
    this.flags = flags;
    this.value = value;
    this.message = message;
  }

  static MetaReply meta(String code, List<String> flags, byte[] value) {
    return new MetaReply(code, flags, value, null);
  }

  static MetaReply error(String code, String message) {
    return new MetaReply(code, List.of(), null, message);
  }

  boolean isError() {
    return message != null;
  }

  boolean is(String expected) {
    return code.equals(expected);
  }

  /** Whether the flag {@code name} came back (with or without a token). */
  boolean has(char name) {
    return token(name) != null;
  }

  /** The token of flag {@code name} ("" for a flag without one), or {@code null} if absent. */
  String token(char name) {
    for (String flag : flags) {
      if (flag.charAt(0) == name) {
        return flag.substring(1);
      }
    }
    return null;
  }

  /** The numeric token of flag {@code name}; fails when the server did not return it. */
  long number(char name) {
    String token = token(name);
    if (token == null || token.isEmpty()) {
      throw new ServerErrorException("reply " + this + " lacks flag " + name);
    }
    return Long.parseUnsignedLong(token);
  }

  @Override
  public String toString() {
    if (isError()) {
      return message.isEmpty() ? code : code + " " + message;
    }
    return value == null ? code + " " + flags : code + " " + value.length + " " + flags;
  }
}
