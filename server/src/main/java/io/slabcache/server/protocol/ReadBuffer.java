package io.slabcache.server.protocol;

/**
 * A connection's read buffer: the decoder that keeps the bytes of a command not yet complete
 * between two reads. What it holds feeds memcached's {@code read_buf_count} and {@code
 * read_buf_bytes}.
 */
public interface ReadBuffer {

  /** Bytes of memory the buffer holds now; 0 when every byte read so far has been decoded. */
  int readBufferBytes();
}
