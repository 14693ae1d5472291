package io.slabcache.server.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The off-heap pages, and addresses into them. An address is an {@code int}: the page number (from
 * 1, so that 0 means none) in the high 15 bits and the offset in 8-byte units in the low 17, which
 * lets an item header hold its links in 4 bytes each. Chunks are 8-byte aligned, as memcached's.
 */
final class PageStore {

  static final int OFFSET_BITS = 17;
  static final int MAX_PAGES = (1 << (32 - OFFSET_BITS)) - 1;
  static final int NONE = 0;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final ByteBuffer[] pages;
  private int allocated;

  PageStore() {
    pages = new ByteBuffer[MAX_PAGES + 1];
  }

  /** Allocates the next page; its number, from 1. Callers hold the allocator's lock. */
  int newPage() {
    int page = ++allocated;
    pages[page] = ByteBuffer.allocateDirect(EngineConfig.PAGE_SIZE).order(ByteOrder.nativeOrder());
    return page;
  }

  int allocatedPages() {
    return allocated;
  }

  static int address(int page, int offset) {
    return (page << OFFSET_BITS) | (offset >>> 3);
  }

  static int pageOf(int address) {
    return address >>> OFFSET_BITS;
  }

  static int offsetOf(int address) {
    return (address & ((1 << OFFSET_BITS) - 1)) << 3;
  }

  ByteBuffer page(int page) {
    return pages[page];
  }

  int getInt(int address, int field) {
    return pages[pageOf(address)].getInt(offsetOf(address) + field);
  }

  void putInt(int address, int field, int value) {
    pages[pageOf(address)].putInt(offsetOf(address) + field, value);
  }

  long getLong(int address, int field) {
    return pages[pageOf(address)].getLong(offsetOf(address) + field);
  }

  void putLong(int address, int field, long value) {
    pages[pageOf(address)].putLong(offsetOf(address) + field, value);
  }

  byte getByte(int address, int field) {
    return pages[pageOf(address)].get(offsetOf(address) + field);
  }

  void putByte(int address, int field, byte value) {
    pages[pageOf(address)].put(offsetOf(address) + field, value);
  }

  void read(int address, int field, byte[] dst, int dstOffset, int length) {
    pages[pageOf(address)].get(offsetOf(address) + field, dst, dstOffset, length);
  }

  void write(int address, int field, byte[] src, int srcOffset, int length) {
    pages[pageOf(address)].put(offsetOf(address) + field, src, srcOffset, length);
  }

  /** Copies bytes between two chunks (which may be the same page). */
  void copy(int from, int fromField, int to, int toField, int length) {
    ByteBuffer dst = pages[pageOf(to)];
    dst.put(offsetOf(to) + toField, pages[pageOf(from)], offsetOf(from) + fromField, length);
  }

  /** The {@link KeyHash} of {@code length} bytes at {@code field}, read in place. */
  int hash(int address, int field, int length) {
    return KeyHash.hash(pages[pageOf(address)], offsetOf(address) + field, length);
  }

  /** Compares the bytes at the address with {@code key}, eight at a time. */
  boolean equalsBytes(int address, int field, byte[] key) {
    ByteBuffer page = pages[pageOf(address)];
    int base = offsetOf(address) + field;
    int words = key.length & ~7;
    for (int i = 0; i < words; i += 8) {
      if (page.getLong(base + i) != (long) LONGS.get(key, i)) {
        return false;
      }
    }
    for (int i = words; i < key.length; i++) {
      if (page.get(base + i) != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** Drops every page; the memory goes back to the JVM when the buffers are collected. */
  void release() {
    java.util.Arrays.fill(pages, null);
    allocated = 0;
  }
}
