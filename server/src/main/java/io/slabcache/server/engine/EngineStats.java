package io.slabcache.server.engine;

import java.util.Collections;
import java.util.Map;

/**
 * A snapshot of the engine's counters, grouped and named as memcached's {@code stats} commands
 * print them. Every map keeps memcached's order; values are already formatted as memcached formats
 * them.
 *
 * @param general the storage part of {@code stats} (cmd_get, get_hits, curr_items, evictions, ...)
 * @param settings the storage part of {@code stats settings}
 * @param slabs {@code stats slabs}: per class {@code "<id>:<name>"}, then totals
 * @param items {@code stats items}: per class {@code "items:<id>:<name>"}
 * @param sizes {@code stats sizes}: item size bucket (bytes, rounded up to 32) to item count
 */
public record EngineStats(
    Map<String, String> general,
    Map<String, String> settings,
    Map<String, String> slabs,
    Map<String, String> items,
    Map<String, String> sizes) {

  public EngineStats {
    general = Collections.unmodifiableMap(general);
    settings = Collections.unmodifiableMap(settings);
    slabs = Collections.unmodifiableMap(slabs);
    items = Collections.unmodifiableMap(items);
    sizes = Collections.unmodifiableMap(sizes);
  }
}
