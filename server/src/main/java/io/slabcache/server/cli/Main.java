package io.slabcache.server.cli;

import io.netty.util.ResourceLeakDetector;
import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.net.MemcachedServer;
import io.slabcache.server.net.ServerSettings;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the server as memcached starts: {@code java -jar slabcache-server.jar -p 11211 -m 64}. It
 * runs until SIGTERM/SIGINT or, with {@code -A}, a {@code shutdown} command, then closes every
 * connection and releases the engine.
 */
public final class Main {

  /** Exit status for a bad command line (sysexits' EX_USAGE). */
  static final int USAGE_ERROR = 64;

  private Main() {}

  /** Netty's property for its buffer-leak detector; set, it is left as it says. */
  private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty(LEAK_DETECTION) == null) {
      // The detector records where a sample of buffers were allocated, on every request path; the
      // tests run with it, a production server need not pay for it.
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    int status = run(args, System.out, System.err);
    System.exit(status);
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Options options;
    EngineConfig config;
    ServerSettings settings;
    try {
      options = Options.parse(args);
      if (options.help) {
        out.print(Options.USAGE);
        return 0;
      }
      if (options.version) {
        out.println("slabcache-server (memcached " + versionString() + " compatible)");
        return 0;
      }
      options.finish();
      config = options.engine.build();
      settings = options.server.build();
    } catch (UsageException | IllegalArgumentException e) {
      err.println("slabcache-server: " + e.getMessage());
      err.println("Try -h for the list of options.");
      return USAGE_ERROR;
    }

    SlabEngine engine = SlabEngine.start(config);
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            engine.close();
          }
        };
    MemcachedServer server;
    try {
      server = MemcachedServer.start(settings, engine);
    } catch (RuntimeException e) {
      release.run();
      err.println("slabcache-server: " + e.getMessage());
      return 71; // EX_OSERR, as memcached fails when it cannot bind
    }
    Thread hook =
        new Thread(
            () -> {
              server.close();
              release.run();
            },
            "slabcache-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    if (settings.verbosity() > 0) {
      err.println(
          "slabcache-server listening on "
              + server.localAddress()
              + " ("
              + settings.transport().name().toLowerCase(Locale.ROOT)
              + ")");
    }
    server.awaitTermination();
    release.run();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running already: it stopped the server
    }
    return 0;
  }

  private static String versionString() {
    return MemcachedServer.VERSION;
  }
}
