package io.slabcache.benchmarks.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A stock memcached process on an ephemeral loopback port for the length of a benchmark trial. */
final class MemcachedServer implements AutoCloseable {

  private final Process process;
  private final int port;

  private MemcachedServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MemcachedServer start(String binary) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
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
                "256",
                "-t",
                "2")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new MemcachedServer(process, port);
      } catch (IOException e) {
        if (System.nanoTime() - deadline > 0) {
          process.destroyForcibly();
          throw new IOException("memcached did not start on port " + port, e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
