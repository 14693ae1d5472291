package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code lru} and {@code lru_crawler}: memcached's replies, and that they change what happens. */
class LruCommandsTest {

  private ServerFixture fixture;
  private RawClient client;

  @BeforeEach
  void start() {
    fixture = new ServerFixture();
    client = fixture.connect();
  }

  @AfterEach
  void stop() {
    client.close();
    fixture.close();
  }

  @Test
  void lruTuneChangesTheSharesAndRefusesWhatMemcachedRefuses() {
    assertThat(client.exchange("lru tune 10 30 0.5 3\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(stats("stats settings"))
        .contains("STAT hot_lru_pct 10\r\n", "STAT warm_lru_pct 30\r\n")
        .contains("STAT hot_max_factor 0.50\r\n", "STAT warm_max_factor 3.00\r\n");
    assertThat(client.exchange("lru tune 50 40 0.2 2.0\r\n", 1))
        .isEqualTo("ERROR hot and warm pcts must not exceed 80\r\n");
    assertThat(client.exchange("lru tune 10 10 0 2.0\r\n", 1))
        .isEqualTo("ERROR hot/warm age factors must be greater than 0\r\n");
    assertThat(client.exchange("lru tune 10 10 0.2 -1\r\n", 1))
        .isEqualTo("ERROR hot/warm age factors must be greater than 0\r\n");
    assertThat(client.exchange("lru tune x 10 0.2 2.0\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru tune -1 10 0.2 2.0\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru tune 10 10 0.2 two\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru tune 10 10 0.2\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru bogus 1\r\n", 1)).isEqualTo("ERROR\r\n");
    // the refusals changed nothing
    assertThat(stats("stats settings")).contains("STAT hot_lru_pct 10\r\n");
    client.send("lru tune 15 25 0.2 2 noreply\r\n");
    assertThat(client.exchange("version\r\n", 1)).startsWith("VERSION ");
    assertThat(stats("stats settings")).contains("STAT hot_lru_pct 15\r\n");
  }

  @Test
  void lruModeFlatKeepsReadItemsOutOfWarm() {
    assertThat(client.exchange("lru mode bogus\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru mode\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru mode flat\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(stats("stats settings")).contains("STAT lru_segmented no\r\n");
    client.exchange("set k 0 0 1\r\na\r\n", 1);
    for (int i = 0; i < 5; i++) {
      assertThat(client.exchange("get k\r\n", 3)).startsWith("VALUE k ");
    }
    assertThat(stats("stats items"))
        .contains(":number_cold 1\r\n", ":number_warm 0\r\n", ":moves_to_warm 0\r\n");
    assertThat(client.exchange("lru mode segmented\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(stats("stats settings")).contains("STAT lru_segmented yes\r\n");
  }

  @Test
  void lruTempTtlSendsShortLivedItemsToTemp() {
    assertThat(client.exchange("lru temp_ttl x\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru temp_ttl 100\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(stats("stats settings"))
        .contains("STAT temp_lru yes\r\n", "STAT temporary_ttl 100\r\n");
    client.exchange("set short 0 50 1\r\na\r\n", 1);
    client.exchange("set long 0 500 1\r\na\r\n", 1);
    assertThat(stats("stats items")).contains(":number 2\r\n", ":number_temp 1\r\n");
    assertThat(client.exchange("lru temp_ttl -1\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(stats("stats settings")).contains("STAT temp_lru no\r\n");
  }

  @Test
  void modeAndTempTtlNeedTheMaintainerThread() {
    try (ServerFixture bare = new ServerFixture(s -> s, c -> c.lruMaintainer(false));
        RawClient c = bare.connect()) {
      assertThat(c.exchange("lru mode flat\r\n", 1)).isEqualTo("ERROR\r\n");
      assertThat(c.exchange("lru temp_ttl 10\r\n", 1)).isEqualTo("ERROR\r\n");
      assertThat(c.exchange("lru tune 10 10 0.1 2\r\n", 1)).isEqualTo("OK\r\n");
    }
  }

  @Test
  void lruCrawlerSleepAndTocrawlAreValidatedAndSet() {
    assertThat(client.exchange("lru_crawler sleep x\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("lru_crawler sleep 1000001\r\n", 1))
        .isEqualTo("CLIENT_ERROR sleep must be one second or less\r\n");
    assertThat(client.exchange("lru_crawler sleep 5000\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(client.exchange("lru_crawler tocrawl -1\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("lru_crawler tocrawl 4294967296\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("lru_crawler tocrawl 10\r\n", 1)).isEqualTo("OK\r\n");
    assertThat(stats("stats settings"))
        .contains("STAT lru_crawler_sleep 5000\r\n", "STAT lru_crawler_tocrawl 10\r\n");
    assertThat(client.exchange("lru_crawler sleep\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("lru_crawler bogus\r\n", 1)).isEqualTo("ERROR\r\n");
  }

  @Test
  void lruCrawlerTocrawlBoundsWhatACrawlChecks() {
    try (ServerFixture bare = new ServerFixture(s -> s, c -> c.lruMaintainer(false));
        RawClient c = bare.connect()) {
      for (int i = 0; i < 100; i++) {
        c.exchange("set k" + i + " 0 0 1\r\na\r\n", 1);
      }
      assertThat(c.exchange("lru_crawler tocrawl 10\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(c.exchange("lru_crawler crawl 1,2,3\r\n", 1)).isEqualTo("OK\r\n");
      awaitStat(c, "lru_crawler_running 0", "crawler_items_checked 10");
      assertThat(c.exchange("lru_crawler crawl 64\r\n", 1))
          .isEqualTo("BADCLASS invalid class id\r\n");
    }
  }

  @Test
  void aDisabledCrawlerAnswersAsMemcachedAndReclaimsNothing() {
    try (ServerFixture bare = new ServerFixture(s -> s, c -> c.lruMaintainer(false));
        RawClient c = bare.connect()) {
      for (int i = 0; i < 20; i++) {
        c.exchange("set k" + i + " 0 5 1\r\na\r\n", 1);
      }
      assertThat(c.exchange("lru_crawler disable\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(c.exchange("lru_crawler disable\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(stats(c, "stats settings")).contains("STAT lru_crawler no\r\n");
      assertThat(stats(c, "stats")).doesNotContain("STAT lru_crawler_running");
      assertThat(c.exchange("lru_crawler crawl all\r\n", 1))
          .isEqualTo("CLIENT_ERROR lru crawler disabled\r\n");
      assertThat(c.exchange("lru_crawler metadump all\r\n", 1))
          .isEqualTo("CLIENT_ERROR lru crawler disabled\r\n");
      // long past the items' expiry and the background crawl's interval
      bare.clock.advanceSeconds(60);
      sleep(2500);
      assertThat(stats(c, "stats")).contains("STAT curr_items 20\r\n");

      assertThat(c.exchange("lru_crawler enable\r\n", 1)).isEqualTo("OK\r\n");
      assertThat(c.exchange("lru_crawler enable\r\n", 1))
          .isEqualTo("ERROR failed to start lru crawler thread\r\n");
      bare.clock.advanceSeconds(60);
      awaitStat(c, "curr_items 0", "crawler_reclaimed 20");
    }
  }

  /** Waits until {@code stats} shows every one of these lines. */
  private static void awaitStat(RawClient client, String... lines) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      String stats = stats(client, "stats");
      boolean all = true;
      for (String line : lines) {
        all &= stats.contains("STAT " + line + "\r\n");
      }
      if (all) {
        return;
      }
      assertThat(System.nanoTime()).as(stats).isLessThan(deadline);
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private String stats(String command) {
    return stats(client, command);
  }

  static String stats(RawClient client, String command) {
    client.send(command + "\r\n");
    StringBuilder all = new StringBuilder();
    String line;
    do {
      line = client.line();
      all.append(line).append("\r\n");
    } while (!line.equals("END"));
    return all.toString();
  }
}
