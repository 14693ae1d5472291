package io.slabcache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.net.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memcached's flags map onto the engine's and the server's settings. */
class OptionsTest {

  private static Options parse(String... args) throws UsageException {
    Options options = Options.parse(args);
    options.finish();
    return options;
  }

  @Test
  void defaultsAreMemcachedDefaults() throws Exception {
    Options options = parse();
    EngineConfig config = options.engine.build();
    ServerSettings settings = options.server.build();
    assertThat(config.memoryLimit()).isEqualTo(64L << 20);
    assertThat(config.itemSizeMax()).isEqualTo(1 << 20);
    assertThat(settings.port()).isEqualTo(11211);
    assertThat(settings.maxConnections()).isEqualTo(1024);
    assertThat(settings.threads()).isEqualTo(4);
    assertThat(settings.shutdownEnabled()).isFalse();
    assertThat(settings.prefixDelimiter()).isEqualTo((byte) ':');
    assertThat(settings.detailEnabled()).isFalse();
    assertThat(settings.requestsPerEvent()).isEqualTo(20);
    assertThat(config.hashPowerGiven()).isFalse();
  }

  @Test
  void packagedMemcachedCommandLinesAreTakenAsMemcachedTakesThem() throws Exception {
    // Debian's /etc/memcached.conf names a user to run as
    assertThat(parse("-u", "memcache", "-m", "64").engine.build().memoryLimit())
        .isEqualTo(64L << 20);
    assertThat(parse("--user=memcache").server.build().port()).isEqualTo(11211);
    assertThat(parse("-o", "no_slab_automove").engine.build().slabAutomove()).isZero();
    assertThat(parse("-o", "hashpower=28").engine.build().hashPowerInit()).isEqualTo(28);
    assertThatThrownBy(() -> parse("-o", "hashpower=29")).hasMessageContaining("28");
    assertThatThrownBy(() -> parse("-o", "temporary_ttl=10,no_lru_maintainer"))
        .hasMessage("temporary_ttl requires lru_maintainer to be enabled");
    assertThat(
            parse("-o", "no_lru_maintainer,temporary_ttl=10,lru_maintainer")
                .engine
                .build()
                .tempLru())
        .isTrue();
    EngineConfig old = parse("-o", "no_modern").engine.build();
    assertThat(old.slabReassign()).isFalse();
    assertThat(old.slabAutomove()).isZero();
    assertThat(old.lruCrawler()).isFalse();
    assertThat(old.lruMaintainer()).isFalse();
    assertThat(old.lruSegmented()).isFalse();
    assertThat(old.slabChunkMax()).isEqualTo(EngineConfig.PAGE_SIZE);
    assertThat(parse("-o", "slab_chunk_max=256k,no_modern").engine.build().slabChunkMax())
        .isEqualTo(256 * 1024);
    assertThatThrownBy(() -> parse("-B", "foo"))
        .hasMessage(
            "Invalid value for binding protocol: foo\n -- should be one of auto, binary, or ascii");
    Options unaligned = parse("-o", "slab_chunk_max=1500");
    assertThatThrownBy(() -> unaligned.engine.build())
        .hasMessage("item size max must be evenly divisible by slab chunk max");
  }

  @Test
  void anAddressToListenOnMayCarryItsOwnPort() throws Exception {
    ServerSettings plain = parse("-l", "127.0.0.1", "-p", "11300").server.build();
    assertThat(plain.host()).isEqualTo("127.0.0.1");
    assertThat(plain.port()).isEqualTo(11300);
    ServerSettings withPort = parse("-l", "127.0.0.1:11400", "-p", "11300").server.build();
    assertThat(withPort.host()).isEqualTo("127.0.0.1");
    assertThat(withPort.port()).isEqualTo(11400);
    ServerSettings v6 = parse("-l", "[::1]:11500").server.build();
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(11500);
    assertThat(parse("-l", "::1").server.build().host()).isEqualTo("::1");
    // several addresses are memcached's; here they are refused, not half served
    assertThatThrownBy(() -> parse("-l", "127.0.0.1,::1")).hasMessageContaining("one address");
    assertThatThrownBy(() -> parse("-l", "127.0.0.1", "-l", "::1"))
        .hasMessageContaining("one address");
    assertThatThrownBy(() -> parse("-l", "[::1")).hasMessageContaining("cannot read");
    assertThatThrownBy(() -> parse("-l", "127.0.0.1:port")).isInstanceOf(UsageException.class);
  }

  @Test
  void requestsPerEventAreMemcachedsR() throws Exception {
    assertThat(parse("-R", "5").server.build().requestsPerEvent()).isEqualTo(5);
    assertThat(parse("--max-reqs-per-event=100").server.build().requestsPerEvent()).isEqualTo(100);
    assertThatThrownBy(() -> parse("-R", "0"))
        .hasMessage("Number of requests per event must be greater than 0");
    assertThatThrownBy(() -> parse("-R", "-3")).hasMessageContaining("greater than 0");
    assertThatThrownBy(() -> parse("-R", "many")).hasMessageContaining("needs a number");
  }

  @Test
  void aPrefixDelimiterSwitchesOnPerPrefixStats() throws Exception {
    ServerSettings settings = parse("-D", "/").server.build();
    assertThat(settings.prefixDelimiter()).isEqualTo((byte) '/');
    assertThat(settings.detailEnabled()).isTrue();
    assertThat(parse("--prefix-delimiter=#").server.build().prefixDelimiter())
        .isEqualTo((byte) '#');
    assertThatThrownBy(() -> parse("-D", "")).hasMessageContaining("No delimiter");
  }

  @Test
  void shortAndLongFlagsInEveryForm() throws Exception {
    Options options =
        parse(
            "-p",
            "12345",
            "-l127.0.0.1",
            "-U",
            "0",
            "-m",
            "128",
            "-c",
            "10",
            "-t2",
            "-I",
            "2m",
            "-f",
            "1.5",
            "-n",
            "64",
            "-M",
            "-C",
            "-vv",
            "-A",
            "-o",
            "slab_reassign,slab_automove=2,hashpower=20,idle_timeout=30,no_lru_crawler,modern,"
                + "track_sizes",
            "--protocol=ascii");
    EngineConfig config = options.engine.build();
    ServerSettings settings = options.server.build();
    assertThat(settings.port()).isEqualTo(12345);
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.maxConnections()).isEqualTo(10);
    assertThat(settings.threads()).isEqualTo(2);
    assertThat(settings.verbosity()).isEqualTo(2);
    assertThat(settings.shutdownEnabled()).isTrue();
    assertThat(settings.idleTimeoutSeconds()).isEqualTo(30);
    assertThat(settings.bindingProtocol()).isEqualTo("ascii");
    assertThat(config.memoryLimit()).isEqualTo(128L << 20);
    assertThat(config.itemSizeMax()).isEqualTo(2 << 20);
    assertThat(config.growthFactor()).isEqualTo(1.5);
    assertThat(config.minChunkData()).isEqualTo(64);
    assertThat(config.evictions()).isFalse();
    assertThat(config.casEnabled()).isFalse();
    assertThat(config.slabAutomove()).isEqualTo(2);
    assertThat(config.hashPowerInit()).isEqualTo(20);
    assertThat(config.hashPowerGiven()).isTrue();
    assertThat(config.lruCrawler()).isFalse();
    assertThat(config.trackSizes()).isTrue();

    Options longForm = parse("--port", "1", "--memory-limit=32", "--conn-limit=5", "--threads=1");
    assertThat(longForm.server.build().port()).isEqualTo(1);
    assertThat(longForm.engine.build().memoryLimit()).isEqualTo(32L << 20);
  }

  @Test
  void lruAndCrawlerOptions() throws Exception {
    EngineConfig config =
        parse(
                "-o",
                "hot_lru_pct=30,warm_lru_pct=30,hot_max_factor=0.5,warm_max_factor=3,"
                    + "temporary_ttl=90,lru_crawler_sleep=2000,lru_crawler_tocrawl=500")
            .engine
            .build();
    assertThat(config.hotLruPercent()).isEqualTo(30);
    assertThat(config.warmLruPercent()).isEqualTo(30);
    assertThat(config.hotMaxFactor()).isEqualTo(0.5);
    assertThat(config.warmMaxFactor()).isEqualTo(3.0);
    assertThat(config.tempLru()).isTrue();
    assertThat(config.temporaryTtl()).isEqualTo(90);
    assertThat(config.lruCrawlerSleepMicros()).isEqualTo(2000);
    assertThat(config.lruCrawlerToCrawl()).isEqualTo(500);
    assertThat(config.lruSegmented()).isTrue();

    EngineConfig flat = parse("-o", "no_lru_maintainer").engine.build();
    assertThat(flat.lruMaintainer()).isFalse();
    assertThat(flat.lruSegmented()).isFalse();

    assertThatThrownBy(() -> parse("-o", "lru_crawler_sleep=1000001"))
        .hasMessageContaining("lru_crawler_sleep");
    assertThatThrownBy(() -> parse("-o", "lru_crawler_tocrawl=4294967296"))
        .hasMessageContaining("lru_crawler_tocrawl");
    assertThatThrownBy(() -> parse("-o", "hot_lru_pct=80")).hasMessageContaining("hot_lru_pct");
    assertThatThrownBy(() -> parse("-o", "hot_lru_pct=50,warm_lru_pct=40").engine.build())
        .hasMessageContaining("at most 80");
    assertThatThrownBy(() -> parse("-o", "warm_max_factor=0").engine.build())
        .hasMessageContaining("warm_max_factor");
  }

  @Test
  void saslNeedsAUsersFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> parse("-S")).hasMessageContaining("users file");
    Path users = dir.resolve("users");
    Files.writeString(users, "# comment\nalice:secret\nbob:pa:ss\n");
    ServerSettings settings = parse("-S", "-Y", users.toString()).server.build();
    assertThat(settings.users()).containsEntry("alice", "secret").containsEntry("bob", "pa:ss");
    assertThat(settings.usersFile()).isEqualTo(users.toString());
    assertThat(settings.bindingProtocol()).isEqualTo("auto");
    Files.writeString(users, "nocolon\n");
    assertThatThrownBy(() -> parse("-S", "-Y", users.toString())).hasMessageContaining("line 1");
  }

  @Test
  void aUsersFileWithoutSaslIsTextAuthenticationOnly(@TempDir Path dir) throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "alice:secret\n");
    ServerSettings settings = parse("-Y", users.toString()).server.build();
    assertThat(settings.bindingProtocol()).isEqualTo("ascii");
    assertThat(settings.users()).containsEntry("alice", "secret");
    assertThat(parse("-Y", users.toString(), "-B", "ascii").server.build().bindingProtocol())
        .isEqualTo("ascii");
    for (String binding : new String[] {"binary", "auto"}) {
      assertThatThrownBy(() -> parse("-Y", users.toString(), "-B", binding))
          .hasMessage(
              "You cannot allow the BINARY protocol while using ascii authentication tokens.");
    }
  }

  @Test
  void badFlagsAreRefusedWithAReason() {
    assertThatThrownBy(() -> parse("-U", "11211")).hasMessageContaining("UDP");
    assertThatThrownBy(() -> parse("-p")).hasMessageContaining("requires a value");
    assertThatThrownBy(() -> parse("-p", "x")).hasMessageContaining("number");
    assertThatThrownBy(() -> parse("-d")).hasMessageContaining("-d");
    assertThatThrownBy(() -> parse("--bogus")).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> parse("-o", "nonsense")).hasMessageContaining("nonsense");
    assertThatThrownBy(() -> parse("-I", "1g")).hasMessageContaining("-I");
    assertThatThrownBy(() -> parse("stray")).hasMessageContaining("stray");
  }
}
