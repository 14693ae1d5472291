package io.slabcache.server.protocol.meta;

import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.protocol.LineTokens;
import java.util.Base64;

/**
 * Parses a meta command line with memcached's rules: the key length is checked before any work,
 * every flag is parsed once, a repeated flag is refused, and each error has memcached's line.
 */
public final class MetaParser {

  static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";
  private static final String BAD_TOKEN = "CLIENT_ERROR bad token in command line format";

  /** memcached refuses a meta line of more than this many tokens, its terminal token included. */
  private static final int MAX_TOKENS = 20;

  static final String OPAQUE_TOO_LONG = "CLIENT_ERROR opaque token too long";

  private static final int MAX_OPAQUE_LENGTH = 32;

  private MetaParser() {}

  /** Parses a line whose first token is a two-letter command starting with 'm'. */
  public static MetaParse parse(LineTokens tokens) {
    char command = (char) tokens.byteAt(0, 1);
    int count = tokens.count();
    switch (command) {
      case 'n':
        return MetaParse.ready(new MetaRequest('n', null, new MetaFlags(), null));
      case 'e':
        return parseDebug(tokens);
      case 'g':
      case 'd':
      case 'a':
        break;
      case 's':
        return parseSet(tokens);
      default:
        return MetaParse.error("ERROR");
    }
    if (count < 2) {
      return MetaParse.error("ERROR");
    }
    if (tokens.length(1) > SlabEngine.MAX_KEY_LENGTH) {
      return MetaParse.error(BAD_FORMAT);
    }
    if (count + 1 > MAX_TOKENS) {
      return MetaParse.error(
          command == 'g'
              ? "CLIENT_ERROR options flags are too long"
              : "CLIENT_ERROR options flags too long");
    }
    MetaFlags flags = new MetaFlags();
    byte[][] key = {tokens.bytes(1)};
    String error = preparse(tokens, 2, flags, key);
    if (error != null) {
      return MetaParse.error(command == 'g' ? error : "CLIENT_ERROR invalid or duplicate flag");
    }
    // ma's opaque is checked as its reply is built, after the arithmetic (see MetaExecutor)
    if (command != 'a' && opaqueTooLong(flags)) {
      return MetaParse.error(OPAQUE_TOO_LONG);
    }
    if (command == 'a' && arithmeticIncrement(flags.mode) == null) {
      return MetaParse.error("CLIENT_ERROR invalid mode for ma M token");
    }
    return MetaParse.ready(new MetaRequest(command, key[0], flags, null));
  }

  private static MetaParse parseDebug(LineTokens tokens) {
    if (tokens.count() < 2 || tokens.length(1) > SlabEngine.MAX_KEY_LENGTH) {
      return MetaParse.error(BAD_FORMAT);
    }
    MetaFlags flags = new MetaFlags();
    byte[] key = tokens.bytes(1);
    if (tokens.count() >= 3 && tokens.length(2) == 1 && tokens.byteAt(2, 0) == 'b') {
      key = decodeKey(key);
      if (key == null) {
        return MetaParse.error(BAD_FORMAT);
      }
      flags.base64Key = true;
    }
    return MetaParse.ready(new MetaRequest('e', key, flags, null));
  }

  private static MetaParse parseSet(LineTokens tokens) {
    int count = tokens.count();
    if (count < 2) {
      return MetaParse.error("ERROR");
    }
    if (tokens.length(1) > SlabEngine.MAX_KEY_LENGTH || count == 2) {
      return MetaParse.error(BAD_FORMAT);
    }
    if (count + 1 > MAX_TOKENS) {
      return MetaParse.error("CLIENT_ERROR options flags too long");
    }
    Long length = tokens.int32(2);
    if (length == null || length < 0 || length > Integer.MAX_VALUE - 2) {
      return MetaParse.error(BAD_FORMAT);
    }
    int dataLength = length.intValue();
    MetaFlags flags = new MetaFlags();
    byte[][] key = {tokens.bytes(1)};
    String error = preparse(tokens, 3, flags, key);
    if (error != null) {
      return MetaParse.errorSkipping(error, dataLength);
    }
    if (opaqueTooLong(flags)) {
      return MetaParse.errorSkipping(OPAQUE_TOO_LONG, dataLength);
    }
    if (storeModeValid(flags.mode)) {
      return MetaParse.needsData(new MetaRequest('s', key[0], flags, null), dataLength);
    }
    return MetaParse.errorSkipping("CLIENT_ERROR invalid mode for ms M token", dataLength);
  }

  /** Whether the request's opaque (O flag) is longer than memcached echoes back. */
  static boolean opaqueTooLong(MetaFlags flags) {
    return flags.opaque != null && flags.opaque.length > MAX_OPAQUE_LENGTH;
  }

  private static boolean storeModeValid(char mode) {
    return "\0EAPRSeaprs".indexOf(mode) >= 0;
  }

  /** True for increment, false for decrement, null for an unknown mode. */
  static Boolean arithmeticIncrement(char mode) {
    switch (mode) {
      case 0:
      case 'I':
      case 'i':
      case '+':
        return true;
      case 'D':
      case 'd':
      case '-':
        return false;
      default:
        return null;
    }
  }

  private static String preparse(LineTokens tokens, int start, MetaFlags flags, byte[][] key) {
    boolean[] seen = new boolean[127];
    StringBuilder order = new StringBuilder(tokens.count() - start);
    String error = null;
    for (int i = start; i < tokens.count(); i++) {
      int flag = tokens.byteAt(i, 0) & 0xFF;
      if (flag >= 127 || seen[flag]) {
        return "CLIENT_ERROR duplicate flag";
      }
      seen[flag] = true;
      order.append((char) flag);
      switch (flag) {
        case 'b':
          byte[] decoded = decodeKey(key[0]);
          if (decoded == null) {
            error = "CLIENT_ERROR error decoding key";
          } else {
            key[0] = decoded;
          }
          flags.base64Key = true;
          break;
        case 'N':
          Long vivify = tokens.int32(i, 1);
          if (vivify == null) {
            error = BAD_TOKEN;
          } else {
            flags.vivify = vivify;
          }
          break;
        case 'T':
          Long ttl = tokens.int32(i, 1);
          if (ttl == null) {
            error = BAD_TOKEN;
          } else {
            flags.ttl = ttl;
          }
          break;
        case 'R':
          Long recache = tokens.int32(i, 1);
          if (recache == null) {
            error = BAD_TOKEN;
          } else {
            flags.recache = recache;
          }
          break;
        case 'O':
          // its length is each command's to check, when memcached's does
          flags.opaque = tokens.bytes(i);
          break;
        case 'P':
        case 'L':
        case 'k':
        case 's':
        case 't':
        case 'c':
        case 'f':
        case 'l':
        case 'h':
          break;
        case 'v':
          flags.value = true;
          break;
        case 'u':
          flags.noBump = true;
          break;
        case 'q':
          flags.noReply = true;
          break;
        case 'I':
          flags.invalidate = true;
          break;
        case 'x':
          flags.dropValue = true;
          break;
        case 'F':
          long clientFlags = tokens.uint32(i, 1);
          if (clientFlags < 0) {
            error = BAD_FORMAT;
          } else {
            flags.clientFlags = clientFlags;
          }
          break;
        case 'C':
          Long cas = tokens.uint64(i, 1);
          if (cas == null) {
            error = BAD_TOKEN;
          } else {
            flags.compareCas = cas;
            flags.hasCompareCas = true;
          }
          break;
        case 'E':
          Long newCas = tokens.uint64(i, 1);
          if (newCas == null) {
            error = BAD_TOKEN;
          } else {
            flags.newCas = newCas;
          }
          break;
        case 'M':
          if (tokens.length(i) != 2) {
            error = "CLIENT_ERROR incorrect length for M token";
          } else {
            flags.mode = (char) tokens.byteAt(i, 1);
          }
          break;
        case 'J':
          Long initial = tokens.uint64(i, 1);
          if (initial == null) {
            error = "CLIENT_ERROR invalid numeric initial value";
          } else {
            flags.initial = initial;
          }
          break;
        case 'D':
          Long delta = tokens.uint64(i, 1);
          if (delta == null) {
            error = "CLIENT_ERROR invalid numeric delta value";
          } else {
            flags.delta = delta;
          }
          break;
        default:
          return "CLIENT_ERROR invalid flag";
      }
    }
    flags.order = order.toString();
    return error;
  }

  private static byte[] decodeKey(byte[] encoded) {
    // memcached decodes whole quanta only; Java's decoder would also take one without its padding
    if (encoded.length % 4 != 0) {
      return null;
    }
    try {
      byte[] key = Base64.getDecoder().decode(encoded);
      return key.length == 0 ? null : key;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
