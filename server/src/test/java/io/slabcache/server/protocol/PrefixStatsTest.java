package io.slabcache.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrefixStatsTest {

  private final PrefixStats stats = new PrefixStats((byte) ':', true);

  private static byte[] key(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void countsEachOperationUnderThePartBeforeTheFirstDelimiter() {
    stats.get(key("user:1"), true);
    stats.get(key("user:2"), false);
    stats.set(key("user:1:name"));
    stats.delete(key("user:3"));
    assertThat(stats.dump()).containsExactly("PREFIX user get 2 hit 1 set 1 del 1");
  }

  @Test
  void keysWithoutTheDelimiterBeforeTheirEndOrANulAreNotCounted() {
    stats.set(key("plain"));
    stats.set(key("ab\0c:d"));
    assertThat(stats.dump()).isEmpty();
    stats.set(key(":leading"));
    assertThat(stats.dump()).containsExactly("PREFIX  get 0 hit 0 set 1 del 0");
  }

  @Test
  void theDumpFollowsMemcachedsBucketsNewestFirstWithinOne() {
    // memcached 1.6 listed these prefixes in this order, set p0 to p19 in turn
    for (int i = 0; i < 20; i++) {
      stats.set(key("p" + i + ":x"));
    }
    assertThat(stats.dump())
        .extracting(line -> line.split(" ")[1])
        .containsExactly(
            "p12", "p5", "p16", "p14", "p10", "p19", "p0", "p9", "p13", "p3", "p8", "p17", "p15",
            "p4", "p1", "p11", "p7", "p18", "p6", "p2");
  }

  @Test
  void switchedOffItLeavesTheCountsAndAResetDropsThem() {
    stats.set(key("a:1"));
    stats.enable(false);
    assertThat(stats.enabled()).isFalse();
    assertThat(stats.dump()).containsExactly("PREFIX a get 0 hit 0 set 1 del 0");
    stats.clear();
    assertThat(stats.dump()).isEmpty();
  }

  @Test
  void newPrefixesPastTheBoundAreNotCounted() {
    for (int i = 0; i < PrefixStats.MAX_PREFIXES + 5; i++) {
      stats.set(key("p" + i + ":x"));
    }
    stats.set(key("p0:y"));
    assertThat(stats.dump()).hasSize(PrefixStats.MAX_PREFIXES);
    assertThat(stats.dump()).contains("PREFIX p0 get 0 hit 0 set 2 del 0");
    assertThat(stats.dump())
        .noneMatch(line -> line.startsWith("PREFIX p" + PrefixStats.MAX_PREFIXES + " "));
  }

  @Test
  void anotherDelimiterSplitsKeysThere() {
    PrefixStats slashes = new PrefixStats((byte) '/', false);
    assertThat(slashes.enabled()).isFalse();
    slashes.get(key("a:b/c"), true);
    assertThat(slashes.dump()).as("nothing is counted while switched off").isEmpty();
    slashes.enable(true);
    slashes.get(key("a:b/c"), true);
    assertThat(slashes.dump()).containsExactly("PREFIX a:b get 1 hit 1 set 0 del 0");
  }
}
