package io.slabcache.server.engine;

/**
 * Outcome of a delete.
 *
 * @param status what happened
 * @param slabClass the slab class of the item deleted (or invalidated), when {@code status} is
 *     {@link DeleteStatus#DELETED}, else 0
 * @param valueLength the length of that item's data, when {@code status} is DELETED, else 0
 */
public record DeleteResult(DeleteStatus status, int slabClass, int valueLength) {

  static final DeleteResult NOT_FOUND = new DeleteResult(DeleteStatus.NOT_FOUND, 0, 0);
  static final DeleteResult EXISTS = new DeleteResult(DeleteStatus.EXISTS, 0, 0);
  static final DeleteResult BAD_KEY = new DeleteResult(DeleteStatus.BAD_KEY, 0, 0);

  public boolean deleted() {
    return status == DeleteStatus.DELETED;
  }
}
