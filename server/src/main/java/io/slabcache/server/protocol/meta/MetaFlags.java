package io.slabcache.server.protocol.meta;

import io.slabcache.server.engine.ReadOptions;

/**
 * The flags of one meta command, parsed once. Flags that ask for something back keep their order in
 * {@link #order}, because replies list them in the order they were sent.
 */
public final class MetaFlags {

  /** The flag characters as sent, for ordering the reply's flags. */
  String order = "";

  boolean base64Key;
  boolean value;
  boolean noReply;
  boolean noBump;
  boolean invalidate;
  boolean dropValue;

  long compareCas;
  boolean hasCompareCas;
  long newCas;
  long ttl = ReadOptions.UNCHANGED;
  long vivify = ReadOptions.UNCHANGED;
  long recache = ReadOptions.UNCHANGED;
  long clientFlags;
  char mode;
  long delta = 1;
  long initial;

  /** The whole opaque token, 'O' included, echoed back as sent. */
  byte[] opaque;

  boolean has(char flag) {
    return order.indexOf(flag) >= 0;
  }

  public boolean noReply() {
    return noReply;
  }
}
