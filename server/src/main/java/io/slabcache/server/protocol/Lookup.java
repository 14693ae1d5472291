package io.slabcache.server.protocol;

import io.slabcache.server.engine.ItemView;

/**
 * A {@link ValueReply} that writes nothing: it only notes what a lookup found, for {@code watch
 * fetchers} (touch, and the checks of a CAS of 0).
 */
public final class Lookup extends ValueReply {

  public Lookup(ReplyOutput out) {
    super(out);
  }

  @Override
  protected boolean head(ItemView item) {
    return false;
  }
}
