package io.slabcache.server.engine;

import java.nio.charset.StandardCharsets;

/** The decimal numbers incr/decr work on, read as memcached reads them (strtoull rules). */
final class DecimalValue {

  private DecimalValue() {}

  /**
   * The unsigned 64-bit number at the start of {@code data} (after optional blanks and a '+'),
   * which must be followed by a blank, a NUL or the end; {@code null} when there is none, it
   * overflows, or it is negative.
   */
  static Long parse(byte[] data) {
    int i = 0;
    while (i < data.length && isSpace(data[i])) {
      i++;
    }
    if (i < data.length && data[i] == '+') {
      i++;
    }
    int start = i;
    long value = 0;
    while (i < data.length && data[i] >= '0' && data[i] <= '9') {
      int digit = data[i] - '0';
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
        return null;
      }
      value = value * 10 + digit;
      i++;
    }
    // a NUL ends the number too: memcached's strtoull reads the value as a C string
    if (i == start || (i < data.length && !isSpace(data[i]) && data[i] != 0)) {
      return null;
    }
    return value;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }

  static byte[] format(long unsigned) {
    return Long.toUnsignedString(unsigned).getBytes(StandardCharsets.US_ASCII);
  }
}
