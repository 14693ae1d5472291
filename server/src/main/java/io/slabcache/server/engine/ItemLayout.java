package io.slabcache.server.engine;

/**
 * Where each field of an item sits in its chunk. The header is 40 bytes, then the key, then the
 * data; nothing about an item lives on the Java heap.
 *
 * <pre>
 *  0 int  hash chain next (free list: next free chunk; data chunk: owning item)
 *  4 int  LRU prev (free list: previous free chunk)
 *  8 int  LRU next
 * 12 int  last access time (engine seconds)
 * 16 int  exptime (engine seconds, 0 = never)
 * 20 int  data length
 * 24 long CAS unique
 * 32 int  client flags
 * 36 byte key length
 * 37 byte item flags
 * 38 byte slab class id OR-ed with the LRU id (memcached's layout)
 * 40      key, then data (for a chunked item: key, then the data chunks' addresses)
 * </pre>
 */
final class ItemLayout {

  static final int H_NEXT = 0;
  static final int PREV = 4;
  static final int NEXT = 8;
  static final int TIME = 12;
  static final int EXPTIME = 16;
  static final int NBYTES = 20;
  static final int CAS = 24;
  static final int FLAGS = 32;
  static final int NKEY = 36;
  static final int IT_FLAGS = 37;
  static final int CLSID = 38;
  static final int HEADER = 40;

  /** In the hash index and an LRU. */
  static final byte LINKED = 1;

  /** Read at least once. */
  static final byte FETCHED = 2;

  /** Read at least twice since it last moved between LRUs. */
  static final byte ACTIVE = 4;

  /** Marked stale by meta delete/set invalidation. */
  static final byte STALE = 8;

  /** A client has been handed the win token for it. */
  static final byte TOKEN_SENT = 16;

  /** On a free list. */
  static final byte SLABBED = 32;

  /** Data lives in separate chunks listed after the key. */
  static final byte CHUNKED = 64;

  /** A data chunk of a chunked item. */
  static final byte CHUNK_DATA = (byte) 128;

  static final int HOT_LRU = 0;
  static final int WARM_LRU = 64;
  static final int COLD_LRU = 128;
  static final int TEMP_LRU = 192;
  static final int CLASS_MASK = 63;
  static final int LRU_MASK = 192;

  private ItemLayout() {}

  /** Bytes an item of this key and data length needs in one chunk. */
  static long totalSize(int keyLength, long dataLength) {
    return HEADER + keyLength + dataLength;
  }

  static int lruIndex(int clsidByte) {
    return (clsidByte & LRU_MASK) >>> 6;
  }
}
