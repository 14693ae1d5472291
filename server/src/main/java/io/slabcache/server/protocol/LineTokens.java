package io.slabcache.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text command line split at spaces, as memcached splits it: only the space character separates
 * tokens (tabs and other bytes belong to them), empty tokens are skipped, and a NUL byte ends the
 * line. Numbers parse with memcached's {@code safe_strto*} rules: the whole token must be the
 * number.
 */
public final class LineTokens {

  private byte[] line;
  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private int count;

  /** An empty holder; a connection's decoder keeps one and splits each of its lines into it. */
  public LineTokens() {}

  /** Splits {@code line} (without its line end) into a new holder. */
  public static LineTokens split(byte[] line) {
    return new LineTokens().reset(line);
  }

  /** Splits {@code line} (without its line end) into this holder, forgetting the previous line. */
  public LineTokens reset(byte[] line) {
    this.line = line;
    count = 0;
    int i = 0;
    int n = line.length;
    // memcached reads the line as a C string: a NUL byte ends it
    while (i < n && line[i] != 0) {
      while (i < n && line[i] == ' ') {
        i++;
      }
      if (i == n || line[i] == 0) {
        break;
      }
      int start = i;
      while (i < n && line[i] != ' ' && line[i] != 0) {
        i++;
      }
      add(start, i);
    }
    return this;
  }

  private void add(int start, int end) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  public int count() {
    return count;
  }

  public int length(int index) {
    return ends[index] - starts[index];
  }

  public byte byteAt(int index, int offset) {
    return line[starts[index] + offset];
  }

  public byte[] bytes(int index) {
    return Arrays.copyOfRange(line, starts[index], ends[index]);
  }

  public String string(int index) {
    return new String(line, starts[index], length(index), StandardCharsets.ISO_8859_1);
  }

  public boolean is(int index, String text) {
    int length = length(index);
    if (length != text.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (line[starts[index] + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** An unsigned 32-bit number (client flags); -1 if the token is not one. */
  public long uint32(int index) {
    return uint32(index, 0);
  }

  public long uint32(int index, int offset) {
    long value = parseUnsigned(index, offset);
    return value >= 0 && value <= 0xFFFF_FFFFL ? value : -1;
  }

  /** A signed 32-bit number (exptime, lengths); null if the token is not one. */
  public Long int32(int index) {
    return int32(index, 0);
  }

  public Long int32(int index, int offset) {
    int start = starts[index] + offset;
    int end = ends[index];
    boolean negative = false;
    if (start < end && (line[start] == '-' || line[start] == '+')) {
      negative = line[start] == '-';
      start++;
    }
    if (start == end || end - start > 10) {
      return null;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = line[i] - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      value = value * 10 + digit;
    }
    value = negative ? -value : value;
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value : null;
  }

  /**
   * An unsigned 64-bit number (delta, CAS) in a long's bits; null if the token is not one. A minus
   * sign is refused, as memcached refuses it.
   */
  public Long uint64(int index) {
    return uint64(index, 0);
  }

  public Long uint64(int index, int offset) {
    int start = starts[index] + offset;
    int end = ends[index];
    if (start < end && line[start] == '+') {
      start++;
    }
    if (start == end || end - start > 20) {
      return null;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = line[i] - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      long next = value * 10 + digit;
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0
          || Long.compareUnsigned(next, value * 10) < 0) {
        return null;
      }
      value = next;
    }
    return value;
  }

  private long parseUnsigned(int index, int offset) {
    Long value = uint64(index, offset);
    return value == null || value < 0 ? -1 : value;
  }
}
