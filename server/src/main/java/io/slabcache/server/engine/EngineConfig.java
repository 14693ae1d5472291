package io.slabcache.server.engine;

/**
 * The engine's settings, with memcached's defaults. Immutable; build with {@link #builder()}.
 * Invalid values are refused by {@link Builder#build()} with an {@link IllegalArgumentException}
 * that names the setting.
 */
public final class EngineConfig {

  public static final int MIB = 1024 * 1024;

  /** Size of a slab page, as memcached's {@code slab_page_size}. */
  public static final int PAGE_SIZE = MIB;

  /** Longest pause the LRU crawler may take between batches: one second, as in memcached. */
  public static final int MAX_LRU_CRAWLER_SLEEP_MICROS = 1_000_000;

  /** The hash table's initial size, as powers of two, that the engine takes. */
  public static final int MIN_HASH_POWER = ItemLocks.POWER;

  public static final int MAX_HASH_POWER = HashIndex.MAX_POWER;

  /** Largest per-LRU crawl limit: memcached keeps it in 32 bits. */
  public static final long MAX_LRU_CRAWLER_TOCRAWL = 0xFFFF_FFFFL;

  private final long memoryLimit;
  private final int itemSizeMax;
  private final int minChunkData;
  private final double growthFactor;
  private final int slabChunkMax;
  private final int hashPowerInit;
  private final boolean hashPowerGiven;
  private final boolean evictions;
  private final boolean casEnabled;
  private final boolean lruMaintainer;
  private final boolean lruCrawler;
  private final boolean trackSizes;
  private final int lruCrawlerSleepMicros;
  private final long lruCrawlerToCrawl;
  private final boolean lruSegmented;
  private final boolean slabReassign;
  private final int slabAutomove;
  private final int hotLruPercent;
  private final int warmLruPercent;
  private final double hotMaxFactor;
  private final double warmMaxFactor;
  private final boolean tempLru;
  private final int temporaryTtl;
  private final boolean preallocate;
  private final EngineClock clock;
  private final EvictionListener evictionListener;

  private EngineConfig(Builder b) {
    memoryLimit = b.memoryLimit;
    itemSizeMax = b.itemSizeMax;
    minChunkData = b.minChunkData;
    growthFactor = b.growthFactor;
    slabChunkMax = b.slabChunkMax;
    hashPowerInit = b.hashPowerInit;
    hashPowerGiven = b.hashPowerGiven;
    evictions = b.evictions;
    casEnabled = b.casEnabled;
    lruMaintainer = b.lruMaintainer;
    lruCrawler = b.lruCrawler;
    trackSizes = b.trackSizes;
    lruCrawlerSleepMicros = b.lruCrawlerSleepMicros;
    lruCrawlerToCrawl = b.lruCrawlerToCrawl;
    lruSegmented = b.lruSegmented;
    slabReassign = b.slabReassign;
    slabAutomove = b.slabAutomove;
    hotLruPercent = b.hotLruPercent;
    warmLruPercent = b.warmLruPercent;
    hotMaxFactor = b.hotMaxFactor;
    warmMaxFactor = b.warmMaxFactor;
    tempLru = b.tempLru;
    temporaryTtl = b.temporaryTtl;
    preallocate = b.preallocate;
    clock = b.clock;
    evictionListener = b.evictionListener;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static EngineConfig defaults() {
    return builder().build();
  }

  /** Bytes of item memory ({@code -m}); a whole number of pages. */
  public long memoryLimit() {
    return memoryLimit;
  }

  /** Largest item, header and key included ({@code -I}). */
  public int itemSizeMax() {
    return itemSizeMax;
  }

  /** Space for key and data in the smallest chunk ({@code -n}). */
  public int minChunkData() {
    return minChunkData;
  }

  /** Chunk size factor between slab classes ({@code -f}). */
  public double growthFactor() {
    return growthFactor;
  }

  /** Largest chunk; items larger are stored in several chunks ({@code slab_chunk_max}). */
  public int slabChunkMax() {
    return slabChunkMax;
  }

  /** Initial hash table size as a power of two ({@code hashpower}). */
  public int hashPowerInit() {
    return hashPowerInit;
  }

  /** Whether {@link #hashPowerInit()} was chosen rather than left at memcached's default. */
  public boolean hashPowerGiven() {
    return hashPowerGiven;
  }

  /** Whether items are evicted when memory is full ({@code -M} turns this off). */
  public boolean evictions() {
    return evictions;
  }

  /** Whether items carry CAS uniques ({@code -C} turns this off). */
  public boolean casEnabled() {
    return casEnabled;
  }

  public boolean lruMaintainer() {
    return lruMaintainer;
  }

  /** Whether the LRU crawler runs from the start ({@code lru_crawler enable|disable} later). */
  public boolean lruCrawler() {
    return lruCrawler;
  }

  /**
   * Whether {@code stats sizes} counts items from the start ({@code -o track_sizes}; {@code stats
   * sizes_enable|sizes_disable} later).
   */
  public boolean trackSizes() {
    return trackSizes;
  }

  /**
   * Microseconds the LRU crawler pauses after each batch of items it checks ({@code
   * lru_crawler_sleep}); 0 never pauses.
   */
  public int lruCrawlerSleepMicros() {
    return lruCrawlerSleepMicros;
  }

  /** Most items the crawler checks per LRU in one run ({@code lru_crawler_tocrawl}); 0: all. */
  public long lruCrawlerToCrawl() {
    return lruCrawlerToCrawl;
  }

  /**
   * Whether each class's LRU is segmented into HOT, WARM and COLD ({@code lru_segmented}); when
   * not, items live in one list per class (plus TEMP), as before memcached segmented it.
   */
  public boolean lruSegmented() {
    return lruSegmented;
  }

  public boolean slabReassign() {
    return slabReassign;
  }

  /** 0 off, 1 move pages from classes with free memory to classes that evict, 2 aggressive. */
  public int slabAutomove() {
    return slabAutomove;
  }

  public int hotLruPercent() {
    return hotLruPercent;
  }

  public int warmLruPercent() {
    return warmLruPercent;
  }

  public double hotMaxFactor() {
    return hotMaxFactor;
  }

  public double warmMaxFactor() {
    return warmMaxFactor;
  }

  public boolean tempLru() {
    return tempLru;
  }

  public int temporaryTtl() {
    return temporaryTtl;
  }

  /** Whether every page is allocated at start ({@code -L}). */
  public boolean preallocate() {
    return preallocate;
  }

  public EngineClock clock() {
    return clock;
  }

  /** Told of every eviction; by default nobody is. */
  public EvictionListener evictionListener() {
    return evictionListener;
  }

  /** Collects settings; {@link #build()} checks them together. */
  public static final class Builder {
    private long memoryLimit = 64L * MIB;
    private int itemSizeMax = MIB;
    private int minChunkData = 48;
    private double growthFactor = 1.25;
    private int slabChunkMax = PAGE_SIZE / 2;
    private int hashPowerInit = 16;
    private boolean hashPowerGiven;
    private boolean evictions = true;
    private boolean casEnabled = true;
    private boolean lruMaintainer = true;
    private boolean lruCrawler = true;
    private boolean trackSizes = false;
    private int lruCrawlerSleepMicros = 100;
    private long lruCrawlerToCrawl = 0;
    private boolean lruSegmented = true;
    private boolean slabReassign = true;
    private int slabAutomove = 1;
    private int hotLruPercent = 20;
    private int warmLruPercent = 40;
    private double hotMaxFactor = 0.2;
    private double warmMaxFactor = 2.0;
    private boolean tempLru = false;
    private int temporaryTtl = 61;
    private boolean preallocate = false;
    private EngineClock clock = EngineClock.system();
    private EvictionListener evictionListener = item -> {};

    private Builder() {}

    public Builder memoryLimit(long bytes) {
      this.memoryLimit = bytes;
      return this;
    }

    public Builder memoryLimitMegabytes(long megabytes) {
      return memoryLimit(megabytes * MIB);
    }

    public Builder itemSizeMax(int bytes) {
      this.itemSizeMax = bytes;
      return this;
    }

    public Builder minChunkData(int bytes) {
      this.minChunkData = bytes;
      return this;
    }

    public Builder growthFactor(double factor) {
      this.growthFactor = factor;
      return this;
    }

    public Builder slabChunkMax(int bytes) {
      this.slabChunkMax = bytes;
      return this;
    }

    public Builder hashPowerInit(int power) {
      this.hashPowerInit = power;
      this.hashPowerGiven = true;
      return this;
    }

    public Builder evictions(boolean enabled) {
      this.evictions = enabled;
      return this;
    }

    public Builder casEnabled(boolean enabled) {
      this.casEnabled = enabled;
      return this;
    }

    public Builder lruMaintainer(boolean enabled) {
      this.lruMaintainer = enabled;
      return this;
    }

    public Builder lruCrawler(boolean enabled) {
      this.lruCrawler = enabled;
      return this;
    }

    public Builder trackSizes(boolean enabled) {
      this.trackSizes = enabled;
      return this;
    }

    public Builder lruCrawlerSleepMicros(int micros) {
      this.lruCrawlerSleepMicros = micros;
      return this;
    }

    public Builder lruCrawlerToCrawl(long items) {
      this.lruCrawlerToCrawl = items;
      return this;
    }

    public Builder lruSegmented(boolean segmented) {
      this.lruSegmented = segmented;
      return this;
    }

    public Builder slabReassign(boolean enabled) {
      this.slabReassign = enabled;
      return this;
    }

    public Builder slabAutomove(int mode) {
      this.slabAutomove = mode;
      return this;
    }

    public Builder hotLruPercent(int percent) {
      this.hotLruPercent = percent;
      return this;
    }

    public Builder warmLruPercent(int percent) {
      this.warmLruPercent = percent;
      return this;
    }

    public Builder hotMaxFactor(double factor) {
      this.hotMaxFactor = factor;
      return this;
    }

    public Builder warmMaxFactor(double factor) {
      this.warmMaxFactor = factor;
      return this;
    }

    public Builder tempLru(boolean enabled) {
      this.tempLru = enabled;
      return this;
    }

    public Builder temporaryTtl(int seconds) {
      this.temporaryTtl = seconds;
      return this;
    }

    public Builder preallocate(boolean enabled) {
      this.preallocate = enabled;
      return this;
    }

    public Builder clock(EngineClock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder evictionListener(EvictionListener listener) {
      this.evictionListener = java.util.Objects.requireNonNull(listener, "listener");
      return this;
    }

    public EngineConfig build() {
      require(memoryLimit >= PAGE_SIZE, "memory limit must be at least one page (1 MiB)");
      require(
          memoryLimit / PAGE_SIZE <= PageStore.MAX_PAGES,
          "memory limit must be at most " + PageStore.MAX_PAGES + " MiB");
      require(itemSizeMax >= 1024, "item size max must be at least 1 KiB");
      require(itemSizeMax <= 1024 * MIB, "item size max must be at most 1 GiB");
      require(
          itemSizeMax <= memoryLimit / 2, "item size max must be at most half the memory limit");
      require(minChunkData >= 1, "minimum chunk data must be positive");
      require(growthFactor > 1.0, "growth factor must be greater than 1.0");
      require(
          slabChunkMax >= 1024 && slabChunkMax <= PAGE_SIZE,
          "slab chunk max must be between 1 KiB and the page size");
      // as memcached: the largest chunks chain an item of any allowed size
      require(
          itemSizeMax % slabChunkMax == 0,
          "item size max must be evenly divisible by slab chunk max");
      // chunks are addressed in 8-byte units
      require(slabChunkMax % 8 == 0, "slab chunk max must be a multiple of 8 bytes");
      require(
          chunkTableFits(),
          "slab chunk max is too small to list the chunks of an item of the item size max");
      require(
          hashPowerInit >= ItemLocks.POWER && hashPowerInit <= HashIndex.MAX_POWER,
          "hashpower must be between " + ItemLocks.POWER + " and " + HashIndex.MAX_POWER);
      require(slabAutomove >= 0 && slabAutomove <= 2, "slab automove must be 0, 1 or 2");
      LruTuning tuning = new LruTuning(hotLruPercent, warmLruPercent, hotMaxFactor, warmMaxFactor);
      require(
          hotLruPercent >= 1 && tuning.percentagesFit(),
          "hot_lru_pct must be at least 1, and hot_lru_pct + warm_lru_pct at most "
              + LruTuning.MAX_HOT_AND_WARM_PERCENT);
      require(tuning.factorsPositive(), "hot_max_factor and warm_max_factor must be > 0");
      require(
          lruCrawlerSleepMicros >= 0 && lruCrawlerSleepMicros <= MAX_LRU_CRAWLER_SLEEP_MICROS,
          "LRU crawler sleep must be between 0 and 1 second");
      require(
          lruCrawlerToCrawl >= 0 && lruCrawlerToCrawl <= MAX_LRU_CRAWLER_TOCRAWL,
          "lru_crawler_tocrawl takes a numeric 32bit value");
      require(temporaryTtl >= 0, "temporary ttl must not be negative");
      return new EngineConfig(this);
    }

    /**
     * Whether the header chunk of a chained item, which lists its data chunks, fits in the largest
     * chunk for an item of the largest size and key.
     */
    private boolean chunkTableFits() {
      long dataChunks =
          (itemSizeMax + slabChunkMax - ItemLayout.HEADER - 1) / (slabChunkMax - ItemLayout.HEADER);
      long table = ((ItemLayout.HEADER + SlabEngine.MAX_KEY_LENGTH + 3) & ~3) + 4 * dataChunks;
      return table <= slabChunkMax;
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
