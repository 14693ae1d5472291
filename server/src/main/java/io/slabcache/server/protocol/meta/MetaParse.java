package io.slabcache.server.protocol.meta;

/**
 * The outcome of parsing a meta command line: a request, a request still waiting for its data
 * block, or an error line, possibly with a data block to skip.
 */
public final class MetaParse {

  private final MetaRequest request;
  private final String error;
  private final int dataLength;

  private MetaParse(MetaRequest request, String error, int dataLength) {
    this.request = request;
    this.error = error;
    this.dataLength = dataLength;
  }

  static MetaParse ready(MetaRequest request) {
    return new MetaParse(request, null, -1);
  }

  static MetaParse needsData(MetaRequest request, int dataLength) {
    return new MetaParse(request, null, dataLength);
  }

  static MetaParse error(String line) {
    return new MetaParse(null, line, -1);
  }

  static MetaParse errorSkipping(String line, int dataLength) {
    return new MetaParse(null, line, dataLength);
  }

  /** The request, or null when parsing failed. */
  public MetaRequest request() {
    return request;
  }

  /** The error line to send, or null. */
  public String error() {
    return error;
  }

  /**
   * Bytes of data block (without its CRLF) that follow the line: to read into the request, or to
   * skip after an error; -1 for none.
   */
  public int dataLength() {
    return dataLength;
  }

  /** Completes an {@code ms} request with its data block. */
  public MetaRequest withData(byte[] data) {
    return request.withValue(data);
  }
}
