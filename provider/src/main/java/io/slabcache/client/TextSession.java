package io.slabcache.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A short-lived connection of its own for the text commands that have no meta equivalent and answer
 * with many lines: {@code lru_crawler metadump} (which memcached 1.6 refuses behind other pipelined
 * commands) and {@code stats}.
 */
final class TextSession implements AutoCloseable {

  private static final int MAX_LINE = 64 * 1024;

  private final ServerAddress server;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  TextSession(ServerAddress server, Duration connectTimeout, Duration readTimeout)
      throws IOException {
    this.server = server;
    this.socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(server.host(), server.port()),
          (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** What a metadump request came to. */
  enum Dump {
    DONE,
    /** The crawler is serving another request; try again. */
    BUSY,
    /** The server does not walk its hash table for a metadump. */
    REFUSED
  }

  /**
   * Runs {@code lru_crawler metadump hash} and passes the key of every item listed, decoded to its
   * bytes. The walk of the hash table sees every item that is there throughout once; memcached's
   * walk of the LRUs ({@code metadump all}) would skip items busy or moving between LRUs meanwhile.
   */
  Dump metadumpHash(Consumer<byte[]> keys) throws IOException {
    send("lru_crawler metadump hash");
    while (true) {
      String line = readLine();
      if (line.equals("END")) {
        return Dump.DONE;
      }
      if (line.startsWith("BUSY")) {
        return Dump.BUSY;
      }
      if (line.startsWith("ERROR") || line.contains("_ERROR") || line.startsWith("BADCLASS")) {
        return Dump.REFUSED;
      }
      if (line.startsWith("key=")) {
        int end = line.indexOf(' ');
        keys.accept(percentDecode(line.substring(4, end < 0 ? line.length() : end)));
      }
    }
  }

  /** The lines of {@code stats} (or {@code stats <group>}) as name → value. */
  Map<String, String> stats(String group) throws IOException {
    send(group.isEmpty() ? "stats" : "stats " + group);
    Map<String, String> stats = new LinkedHashMap<>();
    while (true) {
      String line = readLine();
      if (line.equals("END")) {
        return stats;
      }
      if (!line.startsWith("STAT ")) {
        throw new ServerErrorException("memcached " + server + " answered stats with: " + line);
      }
      int space = line.indexOf(' ', 5);
      stats.put(
          line.substring(5, space < 0 ? line.length() : space),
          space < 0 ? "" : line.substring(space + 1));
    }
  }

  /** memcached's URI encoding of keys in metadump: {@code %XX} for every byte not left as is. */
  static byte[] percentDecode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toByteArray();
  }

  private void send(String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("memcached " + server + " closed the connection");
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE + " bytes from " + server);
      }
      line.write(b);
    }
    byte[] bytes = line.toByteArray();
    int length =
        bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
