package io.slabcache.server.protocol.text;

import io.slabcache.server.engine.StoreMode;
import io.slabcache.server.protocol.meta.MetaRequest;
import java.util.List;

/** One decoded text-protocol command; each kind is its own record. */
sealed interface TextCommand {

  /** A reply decided while decoding (a malformed line); {@code noreply} suppresses it. */
  record Reply(String line, boolean noreply) implements TextCommand {
    @Override
    public String toString() {
      return "(refused: " + line + ")";
    }
  }

  /** get, gets, gat, gats. */
  record Retrieve(boolean withCas, boolean touch, long exptime, List<byte[]> keys)
      implements TextCommand {
    @Override
    public String toString() {
      StringBuilder line = new StringBuilder(touch ? (withCas ? "gats " : "gat ") : "get");
      if (withCas && !touch) {
        line.append('s');
      }
      if (touch) {
        line.append(exptime);
      }
      keys.forEach(key -> line.append(' ').append(text(key)));
      return line.toString();
    }
  }

  /** set, add, replace, append, prepend and cas, with their data block. */
  record Store(
      StoreMode mode,
      byte[] key,
      int flags,
      long exptime,
      boolean isCas,
      long cas,
      byte[] value,
      boolean noreply)
      implements TextCommand {
    @Override
    public String toString() {
      return TextDecoder.storeCommand(mode, isCas)
          + " "
          + text(key)
          + " "
          + Integer.toUnsignedString(flags)
          + " "
          + exptime
          + " "
          + value.length
          + (isCas ? " " + Long.toUnsignedString(cas) : "")
          + (noreply ? " noreply" : "");
    }
  }

  /**
   * A storage command whose data block is larger than any item; the block is skipped. {@code
   * command} is memcached's name for the store in log lines; {@code dropsOldValue} says whether
   * memcached removes the key's old value all the same (set, and every meta set); {@code meta} says
   * whether it was a meta set, which memcached's per-prefix counts leave out.
   */
  record TooLarge(byte[] key, boolean noreply, String command, boolean dropsOldValue, boolean meta)
      implements TextCommand {
    @Override
    public String toString() {
      return command + " " + text(key) + " (too large)";
    }
  }

  record Delete(byte[] key, boolean noreply) implements TextCommand {
    @Override
    public String toString() {
      return "delete " + text(key) + (noreply ? " noreply" : "");
    }
  }

  record Arithmetic(byte[] key, boolean increment, long delta, boolean noreply)
      implements TextCommand {
    @Override
    public String toString() {
      return (increment ? "incr " : "decr ")
          + text(key)
          + " "
          + Long.toUnsignedString(delta)
          + (noreply ? " noreply" : "");
    }
  }

  record Touch(byte[] key, long exptime, boolean noreply) implements TextCommand {
    @Override
    public String toString() {
      return "touch " + text(key) + " " + exptime + (noreply ? " noreply" : "");
    }
  }

  record Meta(MetaRequest request) implements TextCommand {
    @Override
    public String toString() {
      return "m" + request.command() + (request.key() == null ? "" : " " + text(request.key()));
    }
  }

  /**
   * Everything else (stats, flush_all, version, verbosity, quit, shutdown, slabs, lru_crawler, lru,
   * cache_memlimit, watch), handed over as its tokens.
   */
  record Admin(List<String> tokens) implements TextCommand {
    @Override
    public String toString() {
      return String.join(" ", tokens);
    }
  }

  private static String text(byte[] key) {
    return new String(key, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
