package io.slabcache.tck;

import io.slabcache.jcache.SlabCachingProvider;
import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.net.MemcachedServer;
import io.slabcache.server.net.ServerSettings;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the memcached server a TCK run's caches live on, before any test runs, and stops it when
 * the run ends. The system property {@value #MODE} selects the mode: {@code embedded} (the default:
 * no server), {@code memcached} (stock memcached from {@code PATH} or {@code /usr/bin/memcached})
 * or {@code slabcache} (Slabcache's own server). In the remote modes the default URI of the
 * provider becomes the server's, so every test, the annotation tests included, uses it. A server
 * that does not start fails the run rather than leaving it on the embedded mode.
 */
public final class TckServers implements LauncherSessionListener {

  /** The system property naming the mode. */
  static final String MODE = "slabcache.tck.mode";

  private static final long START_TIMEOUT_SECONDS = 20;

  private Process process;
  private SlabEngine engine;
  private MemcachedServer server;

  /** The mode of this run. */
  static String mode() {
    return System.getProperty(MODE, "embedded");
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String mode = mode();
    switch (mode) {
      case "embedded" -> {}
      case "memcached" -> start(stockMemcached(freePort()));
      case "slabcache" -> startSlabcache();
      default -> throw new IllegalStateException("unknown " + MODE + ": " + mode);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (server != null) {
      server.close();
      engine.close();
      server = null;
      engine = null;
    }
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  private void startSlabcache() {
    engine = SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(64).build());
    server =
        MemcachedServer.start(ServerSettings.builder().host("127.0.0.1").port(0).build(), engine);
    useServer(server.port());
  }

  private record Command(List<String> arguments, int port) {}

  private static Command stockMemcached(int port) {
    String binary = findOnPath("memcached");
    return new Command(
        List.of(
            binary,
            "-u",
            System.getProperty("user.name"),
            "-l",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "0",
            "-m",
            "64"),
        port);
  }

  private void start(Command command) {
    try {
      process =
          new ProcessBuilder(command.arguments())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command.arguments(), e);
    }
    awaitListening(process, command.port());
    useServer(command.port());
  }

  private static void useServer(int port) {
    String uri = "memcached://127.0.0.1:" + port;
    System.setProperty(SlabCachingProvider.DEFAULT_URI_PROPERTY, uri);
    System.out.printf("%nJSR-107 TCK mode %s: default cache manager %s%n", mode(), uri);
  }

  private static String findOnPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String directory : path.split(File.pathSeparator)) {
      File candidate = new File(directory, name);
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    throw new IllegalStateException(
        name
            + " is not installed: the TCK's "
            + mode()
            + " mode needs it (Debian: apt-get install "
            + name
            + ")");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitListening(Process process, int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the server exited with " + process.exitValue() + " before listening on " + port);
        }
        if (System.nanoTime() - deadline > 0) {
          process.destroyForcibly();
          throw new IllegalStateException("the server did not listen on " + port + " in time", e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }
}
