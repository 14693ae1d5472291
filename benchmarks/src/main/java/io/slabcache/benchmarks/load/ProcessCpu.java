package io.slabcache.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's user and system CPU time so far, from {@code /proc/<pid>/stat}. */
record ProcessCpu(long userMillis, long systemMillis) {

  /** Linux reports these times in USER_HZ ticks, 100 a second on every architecture it runs on. */
  private static final int TICKS_PER_SECOND = 100;

  static final ProcessCpu UNKNOWN = new ProcessCpu(0, 0);

  static ProcessCpu of(long pid) {
    if (pid <= 0) {
      return UNKNOWN;
    }
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
    // fields after the command name, which is in parentheses and may hold spaces
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long user = Long.parseLong(fields[11]);
    long system = Long.parseLong(fields[12]);
    return new ProcessCpu(user * 1000 / TICKS_PER_SECOND, system * 1000 / TICKS_PER_SECOND);
  }

  static ProcessCpu ofThisProcess() {
    return of(ProcessHandle.current().pid());
  }

  ProcessCpu minus(ProcessCpu earlier) {
    return new ProcessCpu(userMillis - earlier.userMillis, systemMillis - earlier.systemMillis);
  }

  ProcessCpu plus(ProcessCpu other) {
    return new ProcessCpu(userMillis + other.userMillis, systemMillis + other.systemMillis);
  }
}
