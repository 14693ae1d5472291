package io.slabcache.server.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's command line in a JVM of its own, started under {@code ulimit -n} so that it can run
 * out of file descriptors while the test does not. It listens on an ephemeral loopback port; what
 * it writes to stderr is kept for the test to read.
 */
final class ChildServer implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+)");

  private final Process process;
  private final Path stderr;
  private final int port;

  private ChildServer(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    try {
      this.port = awaitPort();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /**
   * Starts {@code Main} on {@code transport} with {@code -v} (which prints the port) and the given
   * options.
   */
  static ChildServer start(int descriptorLimit, Transport transport, String... options) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add("-c");
    command.add("ulimit -n \"$0\" && exec \"$@\"");
    command.add(Integer.toString(descriptorLimit));
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-D" + Transport.PROPERTY + "=" + transport.name().toLowerCase(Locale.ROOT));
    command.add("io.slabcache.server.cli.Main");
    command.addAll(List.of("-p", "0", "-l", "127.0.0.1", "-t", "2", "-v"));
    command.addAll(List.of(options));
    try {
      Path stderr = Files.createTempFile("child-server", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(stderr.toFile())
              .start();
      return new ChildServer(process, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int awaitPort() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher matcher = LISTENING.matcher(stderr());
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited: " + stderr());
      }
      pause();
    }
    throw new IllegalStateException("the server did not say where it listens: " + stderr());
  }

  int port() {
    return port;
  }

  RawClient connect() {
    return new RawClient(port);
  }

  /** All the server has written to stderr so far. */
  String stderr() {
    try {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Files.deleteIfExists(stderr);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
