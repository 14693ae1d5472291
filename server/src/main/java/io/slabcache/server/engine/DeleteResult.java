package io.slabcache.server.engine;

/**
 * Outcome of a delete, with what its lookup found, which memcached's {@code watch fetchers} reports
 * whether or not the delete happened.
 *
 * @param status what happened
 * @param lookup what the lookup of the key found, or {@code null} for a bad key (no lookup)
 * @param slabClass the slab class of the item the lookup found (deleted, invalidated or kept), when
 *     {@code lookup} is FOUND, else 0
 * @param valueLength the length of that item's data, when {@code lookup} is FOUND, else 0
 */
public record DeleteResult(
    DeleteStatus status, FetchStatus lookup, int slabClass, int valueLength) {

  private static final DeleteResult NOT_FOUND = missed(FetchStatus.NOT_FOUND);
  private static final DeleteResult EXPIRED = missed(FetchStatus.EXPIRED);
  private static final DeleteResult FLUSHED = missed(FetchStatus.FLUSHED);
  static final DeleteResult BAD_KEY = new DeleteResult(DeleteStatus.BAD_KEY, null, 0, 0);

  private static DeleteResult missed(FetchStatus lookup) {
    return new DeleteResult(DeleteStatus.NOT_FOUND, lookup, 0, 0);
  }

  /** A delete that found no live item, for the reason given. */
  static DeleteResult notFound(FetchStatus lookup) {
    switch (lookup) {
      case EXPIRED:
        return EXPIRED;
      case FLUSHED:
        return FLUSHED;
      default:
        return NOT_FOUND;
    }
  }

  public boolean deleted() {
    return status == DeleteStatus.DELETED;
  }
}
