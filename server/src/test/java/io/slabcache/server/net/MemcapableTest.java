package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * libmemcached's memcapable (Debian's libmemcached-tools installs it as {@code memccapable}) runs
 * all its ASCII and binary tests against the server. bin/run-all-tests installs it; without it this
 * test is skipped and says so.
 */
class MemcapableTest {

  private static Optional<String> memcapable() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of("memccapable", "memcapable")
        .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> new File(dir, name)))
        .filter(File::canExecute)
        .map(File::getPath)
        .findFirst();
  }

  @Test
  void passesEveryAsciiAndBinaryTest() throws Exception {
    Optional<String> tool = memcapable();
    Assumptions.assumeTrue(
        tool.isPresent(), "memcapable is not installed (apt-get install libmemcached-tools)");
    try (ServerFixture fixture = new ServerFixture()) {
      Process process =
          new ProcessBuilder(
                  List.of(
                      tool.get(),
                      "-h",
                      "127.0.0.1",
                      "-p",
                      Integer.toString(fixture.port()),
                      "-t",
                      "10"))
              .redirectErrorStream(true)
              .start();
      boolean finished = process.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(finished).as("memcapable finished").isTrue();
      assertThat(output).contains("All tests passed").doesNotContain("[FAIL]");
      assertThat(output).contains("ascii mget", "binary getkq", "binary stat");
      assertThat(process.exitValue()).as(output).isZero();
    }
  }
}
