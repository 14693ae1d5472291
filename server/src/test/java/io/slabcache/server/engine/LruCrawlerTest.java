package io.slabcache.server.engine;

import static io.slabcache.server.engine.EngineTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The crawler's switches: per-LRU limit, pause between batches, classes, enable and disable. */
class LruCrawlerTest {

  private final ManualClock clock = new ManualClock();

  private SlabEngine engine() {
    return SlabEngine.start(
        EngineConfig.builder().memoryLimitMegabytes(8).lruMaintainer(false).clock(clock).build());
  }

  @Test
  void toCrawlLimitsTheItemsCheckedPerLruAndRun() {
    try (SlabEngine engine = engine()) {
      for (int i = 0; i < 100; i++) {
        engine.set(bytes("k" + i), 0, 0, bytes("v"));
      }
      assertThat(engine.crawlerToCrawl(-1)).isFalse();
      assertThat(engine.crawlerToCrawl(10)).isTrue();
      assertThat(engine.stats().settings()).containsEntry("lru_crawler_tocrawl", "10");

      assertThat(engine.crawl()).isEqualTo(CrawlStatus.OK);
      awaitGeneral(engine, "lru_crawler_starts", "1");
      awaitGeneral(engine, "lru_crawler_running", "0");
      assertThat(engine.stats().general()).containsEntry("crawler_items_checked", "10");

      engine.crawlerToCrawl(0);
      assertThat(engine.crawl()).isEqualTo(CrawlStatus.OK);
      awaitGeneral(engine, "crawler_items_checked", "110");
    }
  }

  @Test
  void onlyTheClassesAskedForAreCrawled() {
    try (SlabEngine engine = engine()) {
      engine.set(bytes("small"), 0, 0, bytes("v"));
      engine.set(bytes("large"), 0, 0, new byte[2000]);
      int small = engine.get(bytes("small")).slabClass();
      assertThat(engine.crawl(0)).isEqualTo(CrawlStatus.BAD_CLASS);
      assertThat(engine.crawl(SlabEngine.MAX_SLAB_CLASS_ID + 1)).isEqualTo(CrawlStatus.BAD_CLASS);
      assertThat(engine.crawl(small)).isEqualTo(CrawlStatus.OK);
      awaitGeneral(engine, "crawler_items_checked", "1");
      awaitGeneral(engine, "lru_crawler_running", "0");
      assertThat(engine.stats().items())
          .containsEntry("items:" + small + ":crawler_items_checked", "1");
    }
  }

  @Test
  void theCrawlerPausesBetweenBatchesAndIsBusyMeanwhile() {
    try (SlabEngine engine = engine()) {
      for (int i = 0; i < 2500; i++) {
        engine.set(bytes("k" + i), 0, 0, bytes("v"));
      }
      assertThat(engine.crawlerSleepMicros(EngineConfig.MAX_LRU_CRAWLER_SLEEP_MICROS + 1))
          .isFalse();
      assertThat(engine.crawlerSleepMicros(300_000)).isTrue();
      assertThat(engine.stats().settings()).containsEntry("lru_crawler_sleep", "300000");

      long start = System.nanoTime();
      assertThat(engine.crawl()).isEqualTo(CrawlStatus.OK);
      awaitGeneral(engine, "lru_crawler_running", "1");
      assertThat(engine.crawl()).isEqualTo(CrawlStatus.BUSY);
      awaitGeneral(engine, "crawler_items_checked", "2500");
      awaitGeneral(engine, "lru_crawler_running", "0");
      // two pauses: after the first and the second thousand items
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(600_000_000L);
    }
  }

  @Test
  void aDisabledCrawlerReclaimsNothingUntilEnabledAgain() {
    try (SlabEngine engine = engine()) {
      for (int i = 0; i < 50; i++) {
        engine.set(bytes("k" + i), 0, 5, bytes("v"));
      }
      engine.disableCrawler();
      assertThat(engine.crawlerEnabled()).isFalse();
      assertThat(engine.crawl()).isEqualTo(CrawlStatus.DISABLED);
      assertThat(engine.stats().general()).doesNotContainKey("lru_crawler_running");
      assertThat(engine.stats().settings()).containsEntry("lru_crawler", "no");
      // long past the items' expiry and the background crawl's interval
      clock.advanceSeconds(LruCrawler.INTERVAL_SECONDS * 3);
      sleep(2500);
      assertThat(engine.stats().general())
          .containsEntry("curr_items", "50")
          .containsEntry("crawler_reclaimed", "0");

      assertThat(engine.enableCrawler()).isTrue();
      assertThat(engine.enableCrawler()).isFalse();
      clock.advanceSeconds(LruCrawler.INTERVAL_SECONDS * 3);
      // no request: the background crawl does it
      awaitGeneral(engine, "curr_items", "0");
      assertThat(engine.stats().general()).containsEntry("crawler_reclaimed", "50");
    }
  }

  private static void awaitGeneral(SlabEngine engine, String name, String value) {
    await(engine, name, value::equals);
  }

  private static void await(SlabEngine engine, String name, Predicate<String> condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.test(engine.stats().general().get(name))) {
      assertThat(System.nanoTime())
          .as(name + " is " + engine.stats().general().get(name))
          .isLessThan(deadline);
      sleep(5);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
