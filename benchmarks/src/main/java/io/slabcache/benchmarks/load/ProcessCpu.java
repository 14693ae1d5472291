package io.slabcache.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's user and system CPU time so far, from {@code /proc/<pid>/stat}, or its threads', from
 * {@code /proc/<pid>/task/<tid>/stat}.
 */
record ProcessCpu(long userMillis, long systemMillis) {

  /** Linux reports these times in USER_HZ ticks, 100 a second on every architecture it runs on. */
  private static final int TICKS_PER_SECOND = 100;

  static final ProcessCpu UNKNOWN = new ProcessCpu(0, 0);

  static ProcessCpu of(long pid) {
    if (pid <= 0) {
      return UNKNOWN;
    }
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
  }

  static ProcessCpu ofThisProcess() {
    return of(ProcessHandle.current().pid());
  }

  /**
   * The CPU time of the process's live threads, added up by kind: a thread's name without the
   * numbers that tell threads of a pool apart ({@code slabcache-io-3-1} and {@code
   * slabcache-io-1-4} are both {@code slabcache-io}; memcached's workers are all {@code
   * mc-worker}). Linux keeps the first 15 bytes of a name. Empty when the process is unknown.
   */
  static Map<String, ProcessCpu> byThreadKind(long pid) {
    Map<String, ProcessCpu> kinds = new TreeMap<>();
    if (pid <= 0) {
      return kinds;
    }
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        String name;
        ProcessCpu cpu;
        try {
          name = Files.readString(thread.resolve("comm")).strip();
          cpu = parse(Files.readString(thread.resolve("stat")));
        } catch (NoSuchFileException ended) {
          continue;
        }
        kinds.merge(kind(name), cpu, ProcessCpu::plus);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the threads of process " + pid, e);
    }
    return kinds;
  }

  private static String kind(String threadName) {
    String kind = threadName.replaceAll("[-0-9#]+$", "").replace(' ', '_');
    return kind.isEmpty() ? threadName : kind;
  }

  private static ProcessCpu parse(String stat) {
    // fields after the command name, which is in parentheses and may hold spaces
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long user = Long.parseLong(fields[11]);
    long system = Long.parseLong(fields[12]);
    return new ProcessCpu(user * 1000 / TICKS_PER_SECOND, system * 1000 / TICKS_PER_SECOND);
  }

  ProcessCpu minus(ProcessCpu earlier) {
    return new ProcessCpu(userMillis - earlier.userMillis, systemMillis - earlier.systemMillis);
  }

  ProcessCpu plus(ProcessCpu other) {
    return new ProcessCpu(userMillis + other.userMillis, systemMillis + other.systemMillis);
  }

  /** Each kind's time in {@code later} less its time in {@code earlier}. */
  static Map<String, ProcessCpu> minus(
      Map<String, ProcessCpu> later, Map<String, ProcessCpu> earlier) {
    Map<String, ProcessCpu> spent = new TreeMap<>();
    later.forEach((kind, cpu) -> spent.put(kind, cpu.minus(earlier.getOrDefault(kind, UNKNOWN))));
    return spent;
  }
}
