package io.slabcache.jcache.store;

/**
 * What a store did, with the CAS unique of the item it stored: a writer that must undo its write
 * later can then do so on the condition that nobody has written since.
 *
 * @param status how the store ended
 * @param cas the stored item's CAS unique when {@code status} is {@link WriteStatus#STORED} (0 from
 *     a server that keeps no CAS uniques), else 0
 */
public record WriteResult(WriteStatus status, long cas) {

  public static final WriteResult NOT_STORED = new WriteResult(WriteStatus.NOT_STORED, 0);
  public static final WriteResult EXISTS = new WriteResult(WriteStatus.EXISTS, 0);
  public static final WriteResult NOT_FOUND = new WriteResult(WriteStatus.NOT_FOUND, 0);
  public static final WriteResult TOO_LARGE = new WriteResult(WriteStatus.TOO_LARGE, 0);
  public static final WriteResult NO_MEMORY = new WriteResult(WriteStatus.NO_MEMORY, 0);

  /** A store that stored its item, which has CAS unique {@code cas}. */
  public static WriteResult stored(long cas) {
    return new WriteResult(WriteStatus.STORED, cas);
  }

  /** A store that stored nothing, for the reason {@code status} names. */
  public static WriteResult notStored(WriteStatus status) {
    return switch (status) {
      case STORED -> throw new IllegalArgumentException("a stored item has a CAS unique");
      case NOT_STORED -> NOT_STORED;
      case EXISTS -> EXISTS;
      case NOT_FOUND -> NOT_FOUND;
      case TOO_LARGE -> TOO_LARGE;
      case NO_MEMORY -> NO_MEMORY;
    };
  }

  public boolean stored() {
    return status == WriteStatus.STORED;
  }
}
