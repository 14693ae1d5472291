package io.slabcache.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes a memcached server sends into {@link MetaReply}s: a line, and for {@code VA} the
 * data block announced in it. A line longer than any memcached reply is a protocol error.
 */
final class MetaReplyDecoder extends ByteToMessageDecoder {

  private static final int MAX_LINE = 8192;

  /** The reply line of a {@code VA} whose data block has not fully arrived; or null. */
  private String[] valueLine;

  private int valueLength;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (valueLine != null) {
      if (in.readableBytes() < valueLength + 2) {
        return;
      }
      byte[] value = new byte[valueLength];
      in.readBytes(value);
      if (in.readByte() != '\r' || in.readByte() != '\n') {
        throw new DecoderException("data block not terminated by CRLF");
      }
      out.add(MetaReply.meta("VA", flags(valueLine, 2), value));
      valueLine = null;
      return;
    }
    int start = in.readerIndex();
    int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
    if (eol < 0) {
      if (in.readableBytes() > MAX_LINE) {
        throw new DecoderException("reply line longer than " + MAX_LINE + " bytes");
      }
      return;
    }
    int end = eol > start && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
    String line = in.toString(start, end - start, StandardCharsets.US_ASCII);
    in.readerIndex(eol + 1);
    MetaReply reply = parse(line);
    if (reply != null) {
      out.add(reply);
    }
  }

  /** The reply of a line, or null after a {@code VA} line whose data block is still to be read. */
  private MetaReply parse(String line) {
    for (String error :
        new String[] {MetaReply.ERROR, MetaReply.CLIENT_ERROR, MetaReply.SERVER_ERROR}) {
      if (line.equals(error) || line.startsWith(error + " ")) {
        return MetaReply.error(error, line.substring(error.length()).trim());
      }
    }
    String[] tokens = line.split(" ");
    if (tokens[0].length() != 2) {
      throw new DecoderException("unexpected reply line: " + line);
    }
    if (tokens[0].equals("VA")) {
      if (tokens.length < 2) {
        throw new DecoderException("VA without a length: " + line);
      }
      try {
        valueLength = Integer.parseInt(tokens[1]);
      } catch (NumberFormatException e) {
        throw new DecoderException("VA with a bad length: " + line, e);
      }
      if (valueLength < 0) {
        throw new DecoderException("VA with a bad length: " + line);
      }
      valueLine = tokens;
      return null;
    }
    return MetaReply.meta(tokens[0], flags(tokens, 1), null);
  }

  private static List<String> flags(String[] tokens, int from) {
    List<String> flags = new ArrayList<>(tokens.length - from);
    for (int i = from; i < tokens.length; i++) {
      if (!tokens[i].isEmpty()) {
        flags.add(tokens[i]);
      }
    }
    return flags;
  }
}
