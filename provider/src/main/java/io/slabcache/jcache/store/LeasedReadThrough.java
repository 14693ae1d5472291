package io.slabcache.jcache.store;

import io.slabcache.client.Item;
import io.slabcache.client.MemcachedClient;
import io.slabcache.client.MemcachedException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ReadThroughBatch} of memcached servers, coordinated through a lease item per key created
 * with meta get's vivify flag ({@code N}): the caller whose get creates it ({@code W}) loads the
 * key, the others ({@code Z}) poll for its value, and the lease goes when the loader releases it or
 * when its time is up. Each round reads the keys still open, asks for the leases of those still
 * missing and reads again the keys whose leases it won, every time in one pipelined batch; a key
 * whose lease is won or whose value appears is settled at once, so a caller never holds the lease
 * of one key while it waits for another. Refreshing, a caller that waited for another's lease and
 * then wins it loads the key only if its item did not change meanwhile.
 */
final class LeasedReadThrough implements ReadThroughBatch {

  private static final System.Logger LOG = System.getLogger(LeasedReadThrough.class.getName());
  private static final long MAX_POLL_MILLIS = 50;

  private final RemoteStore store;
  private final MemcachedClient client;
  private final Duration leaseTime;
  private final List<byte[]> keys;
  private final boolean refresh;
  private final byte[][] leaseKeys;

  /** With refresh: the CAS unique of each key's item when first read (0 for none). */
  private final long[] casBefore;

  /** Whether another caller held the key's lease when this one asked for it. */
  private final boolean[] waited;

  /** The CAS unique of each lease this caller holds, 0 where it holds none. */
  private final long[] leases;

  private final List<Integer> open = new ArrayList<>();
  private final long deadline;
  private boolean firstRound = true;
  private long poll = 1;

  LeasedReadThrough(
      RemoteStore store,
      MemcachedClient client,
      Duration leaseTime,
      List<byte[]> keys,
      boolean refresh) {
    this.store = store;
    this.client = client;
    this.leaseTime = leaseTime;
    this.keys = List.copyOf(keys);
    this.refresh = refresh;
    this.leaseKeys = new byte[keys.size()][];
    this.casBefore = new long[keys.size()];
    this.waited = new boolean[keys.size()];
    this.leases = new long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      leaseKeys[i] = RemoteStore.leaseKey(keys.get(i));
      open.add(i);
    }
    this.deadline = System.nanoTime() + leaseTime.toNanos();
  }

  @Override
  public Step next() {
    while (!open.isEmpty()) {
      Step step = round();
      if (!step.isEmpty()) {
        return step;
      }
      if (System.nanoTime() - deadline > 0) {
        // the loaders are overdue; load rather than wait for ever
        Step overdue = new Step(Map.of(), List.copyOf(open));
        open.clear();
        return overdue;
      }
      sleep(poll);
      poll = Math.min(poll * 2, MAX_POLL_MILLIS);
    }
    return Step.NONE;
  }

  /** One pass over the open keys: what it settles, perhaps nothing. */
  private Step round() {
    Map<Integer, StoreItem> found = new HashMap<>();
    List<Integer> toLoad = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    if (refresh && !firstRound) {
      // an item that changes under another caller's lease may only have been read and touched:
      // the key is settled when that lease is gone, below
      missing.addAll(open);
    } else {
      List<StoreItem> items = read(open);
      for (int n = 0; n < open.size(); n++) {
        int i = open.get(n);
        StoreItem item = items.get(n);
        if (refresh) {
          casBefore[i] = item == null ? 0 : item.cas();
          missing.add(i);
        } else if (item != null) {
          found.put(i, item);
        } else {
          missing.add(i);
        }
      }
    }
    firstRound = false;
    List<Integer> won = new ArrayList<>();
    List<CompletableFuture<Item>> asked = new ArrayList<>();
    for (int i : missing) {
      asked.add(client.vivify(leaseKeys[i], leaseTime.toSeconds()));
    }
    for (int n = 0; n < missing.size(); n++) {
      int i = missing.get(n);
      Item lease;
      try {
        lease = store.await(asked.get(n));
      } catch (MemcachedException e) {
        // the lease's server is out: load without one rather than fail a read that worked
        LOG.log(Level.DEBUG, "no read-through lease: {0}", e.getMessage());
        toLoad.add(i);
        continue;
      }
      if (lease.won()) {
        leases[i] = lease.cas();
        won.add(i);
      } else {
        waited[i] = true;
      }
    }
    // loaded between the read and the lease, or (refreshing) under the lease of another caller
    List<Integer> recheck = new ArrayList<>();
    for (int i : won) {
      if (refresh && !waited[i]) {
        toLoad.add(i);
      } else {
        recheck.add(i);
      }
    }
    List<StoreItem> again = read(recheck);
    for (int n = 0; n < recheck.size(); n++) {
      int i = recheck.get(n);
      StoreItem item = again.get(n);
      if (item != null && (!refresh || item.cas() != casBefore[i])) {
        found.put(i, item);
        release(i);
      } else {
        toLoad.add(i);
      }
    }
    open.removeAll(found.keySet());
    open.removeAll(toLoad);
    return found.isEmpty() && toLoad.isEmpty() ? Step.NONE : new Step(found, toLoad);
  }

  /** The items of the keys, read in one pipelined batch. */
  private List<StoreItem> read(List<Integer> indexes) {
    List<CompletableFuture<Item>> reads = new ArrayList<>();
    for (int i : indexes) {
      reads.add(client.get(keys.get(i)));
    }
    List<StoreItem> items = new ArrayList<>();
    for (CompletableFuture<Item> read : reads) {
      items.add(RemoteStore.item(store.await(read)));
    }
    return items;
  }

  @Override
  public void release(Step step) {
    step.toLoad().forEach(this::release);
  }

  @Override
  public void close() {
    for (int i = 0; i < leases.length; i++) {
      release(i);
    }
  }

  private void release(int i) {
    long cas = leases[i];
    if (cas == 0) {
      return;
    }
    leases[i] = 0;
    try {
      store.await(client.delete(leaseKeys[i], cas));
    } catch (MemcachedException e) {
      // the lease expires on its own after leaseTime
      LOG.log(Level.DEBUG, "read-through lease not released: {0}", e.getMessage());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MemcachedException("interrupted while waiting for another loader", e);
    }
  }
}
