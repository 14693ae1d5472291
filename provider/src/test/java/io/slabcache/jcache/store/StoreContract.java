package io.slabcache.jcache.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do, whatever its transport. */
abstract class StoreContract {

  private static final AtomicInteger RUNS = new AtomicInteger();

  /** A store shared by the tests of a class; each test uses keys of its own. */
  abstract Store store();

  private byte[] prefix;

  @BeforeEach
  void freshPrefix() {
    prefix = new byte[] {3, 't', (byte) RUNS.incrementAndGet(), 0};
  }

  private byte[] key(String name) {
    byte[] suffix = name.getBytes(StandardCharsets.UTF_8);
    byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
    System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
    return key;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void missIsNull() {
    assertThat(store().get(key("absent"))).isNull();
  }

  @Test
  void setThenGet() {
    WriteResult written = store().set(key("k"), bytes("v"), 0);
    assertThat(written.stored()).isTrue();
    StoreItem item = store().get(key("k"));
    assertThat(item.value()).asString().isEqualTo("v");
    assertThat(item.cas()).isNotZero().isEqualTo(written.cas());
  }

  @Test
  void everyWriteGetsANewCas() {
    store().set(key("k"), bytes("1"), 0);
    long first = store().get(key("k")).cas();
    store().set(key("k"), bytes("2"), 0);
    assertThat(store().get(key("k")).cas()).isNotEqualTo(first);
  }

  @Test
  void addStoresOnlyWhenAbsent() {
    WriteResult added = store().add(key("k"), bytes("1"), 0);
    assertThat(added.status()).isEqualTo(WriteStatus.STORED);
    assertThat(store().add(key("k"), bytes("2"), 0)).isEqualTo(WriteResult.NOT_STORED);
    StoreItem item = store().get(key("k"));
    assertThat(item.value()).asString().isEqualTo("1");
    assertThat(item.cas()).isEqualTo(added.cas());
  }

  @Test
  void replaceStoresOnlyWhenPresent() {
    assertThat(store().replace(key("k"), bytes("1"), 0)).isEqualTo(WriteResult.NOT_STORED);
    assertThat(store().get(key("k"))).isNull();
    store().set(key("k"), bytes("1"), 0);
    WriteResult replaced = store().replace(key("k"), bytes("2"), 0);
    assertThat(replaced.stored()).isTrue();
    assertThat(store().get(key("k")).value()).asString().isEqualTo("2");
    assertThat(store().get(key("k")).cas()).isEqualTo(replaced.cas());
  }

  @Test
  void casStoresOnlyOverTheSameVersion() {
    assertThat(store().cas(key("k"), bytes("1"), 0, 12345)).isEqualTo(WriteResult.NOT_FOUND);
    store().set(key("k"), bytes("1"), 0);
    long cas = store().get(key("k")).cas();
    store().set(key("k"), bytes("2"), 0);
    assertThat(store().cas(key("k"), bytes("3"), 0, cas)).isEqualTo(WriteResult.EXISTS);
    long current = store().get(key("k")).cas();
    WriteResult swapped = store().cas(key("k"), bytes("4"), 0, current);
    assertThat(swapped.stored()).isTrue();
    assertThat(swapped.cas()).isNotEqualTo(current);
    assertThat(store().get(key("k")).value()).asString().isEqualTo("4");
    // the CAS a write answers is the one a write after it must match
    assertThat(store().cas(key("k"), bytes("5"), 0, swapped.cas()).stored()).isTrue();
  }

  @Test
  void deleteAndDeleteWithCas() {
    assertThat(store().delete(key("k"))).isEqualTo(DeleteResult.NOT_FOUND);
    store().set(key("k"), bytes("1"), 0);
    long cas = store().get(key("k")).cas();
    store().set(key("k"), bytes("2"), 0);
    assertThat(store().delete(key("k"), cas)).isEqualTo(DeleteResult.EXISTS);
    long current = store().get(key("k")).cas();
    assertThat(store().delete(key("k"), current)).isEqualTo(DeleteResult.DELETED);
    assertThat(store().get(key("k"))).isNull();
    assertThat(store().delete(key("k"), current)).isEqualTo(DeleteResult.NOT_FOUND);
  }

  @Test
  void negativeExptimeStoresNothingLive() {
    store().set(key("k"), bytes("1"), -1);
    assertThat(store().get(key("k"))).isNull();
  }

  @Test
  void touchFindsLiveItemsAndExpiresThemWithANegativeExptime() {
    assertThat(store().touch(key("k"), 100)).isFalse();
    store().set(key("k"), bytes("1"), 0);
    assertThat(store().touch(key("k"), 100)).isTrue();
    assertThat(store().touch(key("k"), -1)).isTrue();
    assertThat(store().get(key("k"))).isNull();
  }

  @Test
  void getAndTouchReturnsTheItem() {
    assertThat(store().getAndTouch(key("k"), 100)).isNull();
    store().set(key("k"), bytes("1"), 0);
    assertThat(store().getAndTouch(key("k"), 100).value()).asString().isEqualTo("1");
    assertThat(store().get(key("k")).value()).asString().isEqualTo("1");
  }

  @Test
  void incrOnDecimalValues() {
    assertThat(store().incr(key("n"), 1)).isEqualTo(-1);
    store().set(key("n"), bytes("9"), 0);
    assertThat(store().incr(key("n"), 1)).isEqualTo(10);
    assertThat(store().get(key("n")).value()).asString().isEqualTo("10");
    store().set(key("n"), bytes("abc"), 0);
    assertThat(store().incr(key("n"), 1)).isEqualTo(-1);
  }

  @Test
  void keysOfAPrefixOnly() {
    List<byte[]> written = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] key = key("item " + i + "\u00e9\n");
      written.add(key);
      store().set(key, bytes("v"), 0);
    }
    byte[] other = prefix.clone();
    other[prefix.length - 1] = 1;
    store().set(other, bytes("elsewhere"), 0);
    List<byte[]> seen = new ArrayList<>();
    store().keys(prefix, seen::add);
    assertThat(seen).usingElementComparator(Arrays::compare).hasSameElementsAs(written);
  }

  @Test
  void keysOfTheLongestLengthWork() {
    byte[] key = Arrays.copyOf(prefix, store().maxKeyLength());
    Arrays.fill(key, prefix.length, key.length, (byte) 0x80);
    assertThat(store().set(key, bytes("long"), 0).stored()).isTrue();
    assertThat(store().get(key).value()).asString().isEqualTo("long");
  }

  @Test
  void readThroughHitsOrAsksToLoad() {
    try (ReadThrough miss = store().readThrough(key("r"))) {
      assertThat(miss.mustLoad()).isTrue();
      store().set(key("r"), bytes("loaded"), 0);
    }
    try (ReadThrough hit = store().readThrough(key("r"))) {
      assertThat(hit.mustLoad()).isFalse();
      assertThat(hit.item().value()).asString().isEqualTo("loaded");
    }
  }

  @Test
  void tooLargeValuesAreRefused() {
    assertThat(store().set(key("big"), new byte[2 * 1024 * 1024], 0))
        .isEqualTo(WriteResult.TOO_LARGE);
    assertThat(store().get(key("big"))).isNull();
  }
}
