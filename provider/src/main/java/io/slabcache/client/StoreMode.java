package io.slabcache.client;

/** The storage modes of meta set ({@code ms ... M<mode>}). */
public enum StoreMode {
  SET('S'),
  ADD('E'),
  REPLACE('R'),
  APPEND('A'),
  PREPEND('P');

  final char token;

  StoreMode(char token) {
    this.token = token;
  }
}
