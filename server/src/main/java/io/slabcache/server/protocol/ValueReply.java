package io.slabcache.server.protocol;

import io.slabcache.server.engine.FetchStatus;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.ValueSink;
import java.nio.ByteBuffer;

/**
 * Where a protocol handler has the engine deliver a read: what precedes the value is written when
 * the item is found, the value is copied straight from the engine's memory into the reply, and what
 * {@code watch fetchers} reports about the read is kept until the engine has let go of the item.
 * One per connection, reused for every read; {@link #reset} before each.
 */
public abstract class ValueReply implements ValueSink {

  protected final ReplyOutput out;
  private FetchStatus status;
  private int slabClass;
  private int valueLength;

  protected ValueReply(ReplyOutput out) {
    this.out = out;
  }

  /** Forgets the previous read. */
  public final void reset() {
    status = null;
  }

  @Override
  public final boolean found(ItemView item) {
    if (status == null) {
      status = FetchStatus.FOUND;
      slabClass = item.slabClass();
      valueLength = item.valueLength();
    }
    return head(item);
  }

  @Override
  public final void missed(FetchStatus why) {
    // A read that vivifies reports its miss first; memcached logs that miss.
    if (status == null) {
      status = why;
    }
  }

  @Override
  public final void data(ByteBuffer memory, int offset, int length) {
    out.bytes(memory, offset, length);
  }

  /**
   * Writes what goes before the item's value, under the item's lock.
   *
   * @return whether the value follows
   */
  protected abstract boolean head(ItemView item);

  /** Tells {@code watch fetchers} what the last read found, if it looked anything up. */
  public final void log(Watchers watchers, byte[] key, int connectionId) {
    if (status != null) {
      watchers.fetched(key, status, slabClass, valueLength, connectionId);
    }
  }
}
