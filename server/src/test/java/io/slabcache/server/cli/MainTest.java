package io.slabcache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command starts a server with the flags given and stops on the shutdown command. */
class MainTest {

  private static final PrintStream DISCARD =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void helpListsTheFlags() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"-h"}, new PrintStream(out, true, "UTF-8"), DISCARD);
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("-p, --port", "-m, --memory-limit", "-c, --conn-limit", "-o, --extended")
        .contains("idle_timeout", "slab_automove", "-S, --enable-sasl", "-A, --enable-shutdown");
  }

  @Test
  void aBadFlagExitsWithUsageStatus() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"-Q"}, DISCARD, new PrintStream(err, true, "UTF-8"));
    assertThat(status).isEqualTo(Main.USAGE_ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("-Q");
  }

  @Test
  void runsUntilTheShutdownCommand() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> status =
          runner.submit(
              () ->
                  Main.run(
                      new String[] {
                        "-p", Integer.toString(port), "-l", "127.0.0.1", "-m", "16", "-A", "-t", "1"
                      },
                      DISCARD,
                      DISCARD));
      Socket socket = connect(port);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      Writer out =
          new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
      out.write("set k 0 0 1\r\nv\r\nstats settings\r\n");
      out.flush();
      assertThat(in.readLine()).isEqualTo("STORED");
      String line;
      boolean sawMaxbytes = false;
      while (!(line = in.readLine()).equals("END")) {
        sawMaxbytes |= line.equals("STAT maxbytes " + (16 << 20));
      }
      assertThat(sawMaxbytes).isTrue();
      out.write("shutdown\r\n");
      out.flush();
      assertThat(in.readLine()).isNull();
      assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
      socket.close();
    } finally {
      runner.shutdownNow();
    }
  }

  private static Socket connect(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return new Socket("127.0.0.1", port);
      } catch (java.net.ConnectException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.onSpinWait();
      }
    }
  }
}
