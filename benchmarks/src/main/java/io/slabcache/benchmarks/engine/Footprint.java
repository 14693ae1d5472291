package io.slabcache.benchmarks.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.EngineStats;
import io.slabcache.server.engine.SlabEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bytes of memory per item for the same 1,000,000 items (16-byte keys, 100-byte values) in the slab
 * engine, in stock memcached (read from its stats; needs {@code memcached} on the PATH) and in
 * Caffeine (heap growth after GC). Memory counted: slab pages taken plus the hash table, for both
 * slab allocators.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.slabcache.benchmarks.engine.Footprint</pre>
 */
public final class Footprint {

  private static final int ITEMS = 1_000_000;
  private static final int VALUE_SIZE = 100;

  private Footprint() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : ITEMS;
    byte[][] keys = EngineBenchmark.keys(items);
    byte[] value = new byte[VALUE_SIZE];

    double slabcache = slabEngine(keys, value);
    double memcached = memcached(keys, value);
    double caffeine = caffeine(keys, value);

    System.out.printf("items: %,d of %d-byte keys and %d-byte values%n", items, 16, VALUE_SIZE);
    System.out.printf("| system | bytes per item | ratio to memcached |%n|---|---|---|%n");
    row("Slabcache engine", slabcache, memcached);
    row("memcached (stock)", memcached, memcached);
    row("Caffeine (heap)", caffeine, memcached);
  }

  private static void row(String name, double bytes, double anchor) {
    System.out.printf(
        "| %s | %s | %s |%n",
        name,
        Double.isNaN(bytes) ? "n/a" : String.format("%.1f", bytes),
        Double.isNaN(bytes) || Double.isNaN(anchor)
            ? "n/a"
            : String.format("%.2f", bytes / anchor));
  }

  private static double slabEngine(byte[][] keys, byte[] value) {
    try (SlabEngine engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(1024).build())) {
      for (byte[] key : keys) {
        engine.set(key, 0, 0, value);
      }
      EngineStats stats = engine.stats();
      long pages = Long.parseLong(stats.slabs().get("total_malloced"));
      long hash = Long.parseLong(stats.general().get("hash_bytes"));
      return (double) (pages + hash) / Long.parseLong(stats.general().get("curr_items"));
    }
  }

  private static double memcached(byte[][] keys, byte[] value) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  "memcached",
                  "-u",
                  System.getProperty("user.name"),
                  "-l",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-U",
                  "0",
                  "-m",
                  "1024",
                  "-t",
                  "2")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      System.out.println("memcached not found on the PATH: " + e.getMessage());
      return Double.NaN;
    }
    try (Socket socket = connect(port)) {
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      ByteBuffer batch = ByteBuffer.allocate(1 << 20);
      for (byte[] key : keys) {
        if (batch.remaining() < 512) {
          out.write(batch.array(), 0, batch.position());
          batch.clear();
        }
        batch.put(("set ").getBytes(StandardCharsets.US_ASCII)).put(key);
        batch.put((" 0 0 " + value.length + " noreply\r\n").getBytes(StandardCharsets.US_ASCII));
        batch.put(value).put("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write(batch.array(), 0, batch.position());
      Map<String, String> stats = stats(out, in, "stats");
      while (Long.parseLong(stats.get("curr_items")) < keys.length
          || !"0".equals(stats.get("hash_is_expanding"))) {
        TimeUnit.MILLISECONDS.sleep(100);
        stats = stats(out, in, "stats");
      }
      Map<String, String> slabs = stats(out, in, "stats slabs");
      long pages = Long.parseLong(slabs.get("total_malloced"));
      long hash = Long.parseLong(stats.get("hash_bytes"));
      return (double) (pages + hash) / Long.parseLong(stats.get("curr_items"));
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Socket connect(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return new Socket("127.0.0.1", port);
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
  }

  private static Map<String, String> stats(OutputStream out, BufferedReader in, String command)
      throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Map<String, String> stats = new HashMap<>();
    for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("STAT")) {
        stats.put(parts[1], parts[2]);
      }
    }
    return stats;
  }

  private static double caffeine(byte[][] keys, byte[] value) {
    long before = usedHeapAfterGc();
    Cache<ByteBuffer, byte[]> cache = Caffeine.newBuilder().maximumSize(2L * keys.length).build();
    for (byte[] key : keys) {
      cache.put(ByteBuffer.wrap(key.clone()), value.clone());
    }
    long after = usedHeapAfterGc();
    double perItem = (double) (after - before) / cache.estimatedSize();
    cache.invalidateAll();
    return perItem;
  }

  private static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
