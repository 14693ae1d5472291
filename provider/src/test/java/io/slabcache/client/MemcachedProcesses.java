package io.slabcache.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stock memcached processes on ephemeral loopback ports for tests: started with {@code -U 0 -m 64},
 * stopped, paused and resumed on demand, and all killed by {@link #close()}.
 */
public final class MemcachedProcesses implements AutoCloseable {

  private static final String BINARY = "/usr/bin/memcached";

  private final List<Integer> ports = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  private MemcachedProcesses() {}

  /** Starts {@code count} servers; skips the test if memcached is not installed. */
  public static MemcachedProcesses start(int count) {
    assumeTrue(
        new File(BINARY).canExecute(),
        BINARY + " is not installed; install Debian's memcached package to run this test");
    MemcachedProcesses servers = new MemcachedProcesses();
    try {
      for (int i = 0; i < count; i++) {
        int port = freePort();
        servers.ports.add(port);
        servers.processes.add(null);
        servers.restart(i);
      }
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
    return servers;
  }

  public List<ServerAddress> addresses() {
    return ports.stream().map(port -> new ServerAddress("127.0.0.1", port)).toList();
  }

  public ServerAddress address(int index) {
    return new ServerAddress("127.0.0.1", ports.get(index));
  }

  public int indexOf(ServerAddress address) {
    return ports.indexOf(address.port());
  }

  /** Kills the server (SIGKILL) and waits until it is gone. */
  public void kill(int index) {
    Process process = processes.get(index);
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      processes.set(index, null);
    }
  }

  /** Starts the server again on its port (empty), and waits until it accepts connections. */
  public void restart(int index) {
    kill(index);
    int port = ports.get(index);
    try {
      Process process =
          new ProcessBuilder(
                  BINARY,
                  "-u",
                  System.getProperty("user.name"),
                  "-l",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-U",
                  "0",
                  "-m",
                  "64")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      processes.set(index, process);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start memcached", e);
    }
    awaitListening(port);
  }

  /** Freezes the server (SIGSTOP): it keeps accepting connections but answers nothing. */
  public void pause(int index) {
    signal(index, "STOP");
    awaitStopped(processes.get(index).pid());
  }

  /**
   * SIGSTOP is delivered asynchronously: until every thread of the process shows the stopped state
   * in /proc, a request sent now could still be answered.
   */
  private static void awaitStopped(long pid) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!allThreadsStopped(pid)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("memcached " + pid + " did not stop");
      }
      Thread.onSpinWait();
    }
  }

  private static boolean allThreadsStopped(long pid) {
    java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
    if (tasks == null) {
      return false;
    }
    for (java.io.File task : tasks) {
      try {
        String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        if (state != 'T' && state != 't') {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** Resumes a {@link #pause paused} server (SIGCONT). */
  public void resume(int index) {
    signal(index, "CONT");
  }

  private void signal(int index, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(processes.get(index).pid()))
              .inheritIO()
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    // SIGKILL also ends a paused process
    for (int i = 0; i < processes.size(); i++) {
      kill(i);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitListening(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("memcached did not start on port " + port, e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
  }
}
