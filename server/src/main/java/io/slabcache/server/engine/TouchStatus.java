package io.slabcache.server.engine;

/** Outcome of a touch. */
public enum TouchStatus {
  TOUCHED,
  NOT_FOUND,
  /** The key is empty or longer than {@value SlabEngine#MAX_KEY_LENGTH} bytes. */
  BAD_KEY
}
