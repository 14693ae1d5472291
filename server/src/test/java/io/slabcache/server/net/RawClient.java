package io.slabcache.server.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket that sends bytes and reads exact replies, for byte-for-byte protocol tests. */
final class RawClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(5000);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RawClient send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawClient send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Reads one line, without its CRLF. */
  /** The next line up to its '\n', with its line end as sent ("\n" or "\r\n"). */
  String rawLine() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int b;
      do {
        b = in.read();
        if (b < 0) {
          throw new IOException("connection closed after " + line);
        }
        line.write(b);
      } while (b != '\n');
      return line.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String line() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int previous = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed after " + line);
        }
        if (previous == '\r' && b == '\n') {
          byte[] bytes = line.toByteArray();
          return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
        }
        line.write(b);
        previous = b;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one log line of a watcher, which memcached ends with a bare newline, without it. */
  String logLine() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed after " + line);
        }
        if (b == '\n') {
          return line.toString(StandardCharsets.ISO_8859_1);
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the text, then reads as many lines as {@code expected} has and returns them joined. */
  String exchange(String text, int lines) {
    send(text);
    return lines(lines);
  }

  String lines(int count) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < count; i++) {
      all.append(line()).append("\r\n");
    }
    return all.toString();
  }

  byte[] read(int length) {
    byte[] bytes = new byte[length];
    try {
      int read = 0;
      while (read < length) {
        int n = in.read(bytes, read, length - read);
        if (n < 0) {
          throw new IOException("connection closed after " + read + " bytes");
        }
        read += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  /** Whether the server closed the connection within the timeout without sending a byte. */
  boolean closedSilently(int timeoutMillis) {
    try {
      socket.setSoTimeout(timeoutMillis);
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether the server closed the connection (end of stream) within the timeout. */
  boolean closedByServer(int timeoutMillis) {
    try {
      socket.setSoTimeout(timeoutMillis);
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether nothing arrives within the given time. */
  boolean silentFor(int millis) {
    try {
      socket.setSoTimeout(millis);
      in.read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      try {
        socket.setSoTimeout(5000);
      } catch (IOException ignored) {
        // the socket is gone; later reads will say so
      }
    }
  }

  /** Whether some reply has arrived and waits to be read. */
  boolean hasInput() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Socket socket() {
    return socket;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }
}
