package io.slabcache.benchmarks.jcache;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Memory per entry of each provider holding 1,000,000 entries ({@code String} key, {@code
 * byte[100]} or small object value), each measured in a JVM of its own: heap growth after full
 * garbage collection plus direct (off-heap) memory growth. Ehcache's off-heap tier reserves its
 * whole pool at once, so it is given the smallest pool (to 8 MiB) that keeps every entry.
 */
public final class BytesPerEntry {

  static final int ENTRIES = 1_000_000;

  private BytesPerEntry() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2) {
      measure(Contender.of(args[0]), args[1]);
      return;
    }
    StringBuilder table = new StringBuilder();
    table.append("\n| value | contender | bytes per entry | ratio to caffeine |\n");
    table.append("|---|---|---:|---:|\n");
    for (String value : new String[] {"bytes100", "object"}) {
      List<String[]> rows = new ArrayList<>();
      double caffeine = 0;
      for (Contender contender : Contender.values()) {
        double bytes = inChildJvm(contender.label(), value);
        if (contender == Contender.CAFFEINE) {
          caffeine = bytes;
        }
        rows.add(new String[] {contender.label(), Double.toString(bytes)});
      }
      for (String[] row : rows) {
        double bytes = Double.parseDouble(row[1]);
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.0f | %.2f× |%n",
                value,
                row[0],
                bytes,
                bytes / caffeine));
      }
    }
    System.out.println(table);
  }

  private static double inChildJvm(String contender, String value) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx6g",
                "-XX:MaxDirectMemorySize=8g",
                "-cp",
                System.getProperty("java.class.path"),
                BytesPerEntry.class.getName(),
                contender,
                value)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String last = null;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        last = line;
      }
    }
    if (process.waitFor() != 0 || last == null) {
      throw new IllegalStateException(contender + " " + value + " failed");
    }
    return Double.parseDouble(last.trim());
  }

  private static void measure(Contender contender, String value) throws Exception {
    long bytes =
        contender == Contender.EHCACHE_OFFHEAP
            ? smallestOffHeapPool(contender, value)
            : grownBy(contender, value, 1024);
    System.out.println((double) bytes / ENTRIES);
  }

  /**
   * Heap plus direct memory growth from filling a cache. Keys and values are made as they are put,
   * so that what the cache keeps is counted even where it keeps the caller's objects.
   */
  private static long grownBy(Contender contender, String value, long megabytes)
      throws InterruptedException {
    CacheManager manager = contender.manager(megabytes);
    long before = usedMemory();
    Cache<String, Object> cache = contender.create(manager, "size", megabytes);
    for (int i = 0; i < ENTRIES; i++) {
      cache.put(Workload.key(i), Workload.value(value, i));
    }
    long after = usedMemory();
    requireAllPresent(cache);
    manager.close();
    return after - before;
  }

  private static long smallestOffHeapPool(Contender contender, String value)
      throws InterruptedException {
    long low = 8;
    long high = 2048;
    long heapAtBest = 0;
    while (low < high) {
      long megabytes = (low + high) / 2 / 8 * 8;
      CacheManager manager = contender.manager(megabytes);
      long before = usedHeap();
      Cache<String, Object> cache = contender.create(manager, "size" + megabytes, megabytes);
      for (int i = 0; i < ENTRIES; i++) {
        cache.put(Workload.key(i), Workload.value(value, i));
      }
      long heap = usedHeap() - before;
      boolean fits = countPresent(cache) == ENTRIES;
      manager.destroyCache(cache.getName());
      if (fits) {
        high = megabytes;
        heapAtBest = heap;
      } else {
        low = megabytes + 8;
      }
    }
    return heapAtBest + high * 1024 * 1024;
  }

  private static void requireAllPresent(Cache<String, Object> cache) {
    long present = countPresent(cache);
    if (present != ENTRIES) {
      throw new IllegalStateException("only " + present + " of " + ENTRIES + " entries kept");
    }
  }

  private static long countPresent(Cache<String, Object> cache) {
    long present = 0;
    for (int i = 0; i < ENTRIES; i++) {
      if (cache.containsKey(Workload.key(i))) {
        present++;
      }
    }
    return present;
  }

  private static long usedMemory() throws InterruptedException {
    long heap = usedHeap();
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      direct += pool.getMemoryUsed();
    }
    return heap + direct;
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
