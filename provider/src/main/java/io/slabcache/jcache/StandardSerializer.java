package io.slabcache.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.cache.CacheException;

/**
 * The default {@link Serializer}: one tag byte, then a compact form for {@code String}, {@code
 * byte[]}, the primitive boxes, or Java serialization for anything else, read back through the
 * cache's class loader.
 *
 * <p>{@link #INSTANCE} writes standard Java serialization streams, which any JVM can read. A
 * serializer from {@link #compact()} writes each class description once, into a table of its own,
 * and a small number in its place in every object: much smaller objects, readable only by that
 * serializer. It suits stores that live no longer than the serializer, as the embedded engine.
 */
public final class StandardSerializer implements Serializer<Object> {

  /** The shared instance; it holds no state. */
  public static final StandardSerializer INSTANCE = new StandardSerializer(null);

  private static final byte STRING = 1;
  private static final byte BYTES = 2;
  private static final byte INTEGER = 3;
  private static final byte LONG = 4;
  private static final byte DOUBLE = 5;
  private static final byte FLOAT = 6;
  private static final byte SHORT = 7;
  private static final byte BYTE = 8;
  private static final byte CHARACTER = 9;
  private static final byte BOOLEAN = 10;
  private static final byte JAVA = 100;
  private static final byte JAVA_COMPACT = 101;

  private final ClassDescriptorTable descriptors;

  private StandardSerializer(ClassDescriptorTable descriptors) {
    this.descriptors = descriptors;
  }

  /** A serializer with a class description table of its own. */
  public static StandardSerializer compact() {
    return new StandardSerializer(new ClassDescriptorTable());
  }

  @Override
  public byte[] serialize(Object object) {
    if (object instanceof String s) {
      return string(s);
    } else if (object instanceof byte[] b) {
      return tagged(BYTES, b);
    } else if (object instanceof Integer i) {
      return fixed(INTEGER, i, 4);
    } else if (object instanceof Long l) {
      return fixed(LONG, l, 8);
    } else if (object instanceof Double d) {
      return fixed(DOUBLE, Double.doubleToRawLongBits(d), 8);
    } else if (object instanceof Float f) {
      return fixed(FLOAT, Float.floatToRawIntBits(f), 4);
    } else if (object instanceof Short s) {
      return fixed(SHORT, s, 2);
    } else if (object instanceof Byte b) {
      return fixed(BYTE, b, 1);
    } else if (object instanceof Character c) {
      return fixed(CHARACTER, c, 2);
    } else if (object instanceof Boolean b) {
      return fixed(BOOLEAN, b ? 1 : 0, 1);
    }
    return javaSerialized(object);
  }

  @Override
  public Object deserialize(byte[] bytes, int offset, int length, ClassLoader classLoader) {
    int body = offset + 1;
    int bodyLength = length - 1;
    return switch (bytes[offset]) {
      case STRING -> new String(bytes, body, bodyLength, StandardCharsets.UTF_8);
      case BYTES -> Arrays.copyOfRange(bytes, body, body + bodyLength);
      case INTEGER -> (int) readFixed(bytes, body, 4);
      case LONG -> readFixed(bytes, body, 8);
      case DOUBLE -> Double.longBitsToDouble(readFixed(bytes, body, 8));
      case FLOAT -> Float.intBitsToFloat((int) readFixed(bytes, body, 4));
      case SHORT -> (short) readFixed(bytes, body, 2);
      case BYTE -> (byte) readFixed(bytes, body, 1);
      case CHARACTER -> (char) readFixed(bytes, body, 2);
      case BOOLEAN -> bytes[body] != 0;
      case JAVA -> javaDeserialized(bytes, body, bodyLength, classLoader, null);
      case JAVA_COMPACT -> {
        if (descriptors == null) {
          throw new CacheException("compact form written by another serializer");
        }
        yield javaDeserialized(bytes, body, bodyLength, classLoader, descriptors);
      }
      default -> throw new CacheException("unknown serialized form " + bytes[offset]);
    };
  }

  /** The tag and UTF-8 of a string; ASCII strings, most keys, go in one pass with no copy. */
  private static byte[] string(String s) {
    int length = s.length();
    byte[] out = new byte[length + 1];
    out[0] = STRING;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
      }
      out[i + 1] = (byte) c;
    }
    return out;
  }

  private static byte[] tagged(byte tag, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = tag;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static byte[] fixed(byte tag, long value, int width) {
    byte[] out = new byte[width + 1];
    out[0] = tag;
    for (int i = width; i >= 1; i--) {
      out[i] = (byte) value;
      value >>= 8;
    }
    return out;
  }

  private static long readFixed(byte[] bytes, int offset, int width) {
    long value = bytes[offset]; // sign-extends, so narrow types read back as they were
    for (int i = 1; i < width; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  private byte[] javaSerialized(Object object) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
    buffer.write(descriptors == null ? JAVA : JAVA_COMPACT);
    try (ObjectOutputStream out =
        descriptors == null
            ? new ObjectOutputStream(buffer)
            : new CompactOutputStream(buffer, descriptors)) {
      out.writeObject(object);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "cannot store by value: " + object.getClass().getName() + " is not serializable", e);
    } catch (IOException e) {
      throw new CacheException("cannot serialize " + object.getClass().getName(), e);
    }
    return buffer.toByteArray();
  }

  private static Object javaDeserialized(
      byte[] bytes,
      int offset,
      int length,
      ClassLoader classLoader,
      ClassDescriptorTable descriptors) {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, offset, length);
    try (ObjectInputStream objects =
        descriptors == null
            ? new LoaderObjectInputStream(in, classLoader)
            : new CompactInputStream(in, classLoader, descriptors)) {
      return objects.readObject();
    } catch (ClassNotFoundException e) {
      throw new CacheException("cannot deserialize: class not found: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CacheException("cannot deserialize", new UncheckedIOException(e));
    }
  }

  /** Writes no stream header (the tag says the format) and class descriptions by number. */
  private static final class CompactOutputStream extends ObjectOutputStream {
    private final ClassDescriptorTable descriptors;

    CompactOutputStream(OutputStream out, ClassDescriptorTable descriptors) throws IOException {
      super(out);
      this.descriptors = descriptors;
    }

    @Override
    protected void writeStreamHeader() {}

    @Override
    protected void writeClassDescriptor(ObjectStreamClass descriptor) throws IOException {
      int id = descriptors.idOf(descriptor);
      while ((id & ~0x7F) != 0) {
        writeByte((id & 0x7F) | 0x80);
        id >>>= 7;
      }
      writeByte(id);
    }
  }

  /** Reads what {@link CompactOutputStream} writes. */
  private static final class CompactInputStream extends LoaderObjectInputStream {
    private final ClassDescriptorTable descriptors;

    CompactInputStream(InputStream in, ClassLoader classLoader, ClassDescriptorTable descriptors)
        throws IOException {
      super(in, classLoader);
      this.descriptors = descriptors;
    }

    @Override
    protected void readStreamHeader() {}

    @Override
    protected ObjectStreamClass readClassDescriptor() throws IOException {
      int id = 0;
      for (int shift = 0; ; shift += 7) {
        int b = readUnsignedByte();
        id |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      ObjectStreamClass descriptor = descriptors.descriptor(id);
      if (descriptor == null) {
        throw new InvalidClassException("no class description numbered " + id);
      }
      return descriptor;
    }
  }

  /** Resolves classes through a given class loader first, as a cache's class loader demands. */
  private static class LoaderObjectInputStream extends ObjectInputStream {
    private static final Map<String, Class<?>> PRIMITIVES =
        Map.of(
            "boolean", boolean.class,
            "byte", byte.class,
            "char", char.class,
            "short", short.class,
            "int", int.class,
            "long", long.class,
            "float", float.class,
            "double", double.class,
            "void", void.class);

    private final ClassLoader classLoader;

    LoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      if (classLoader == null) {
        return super.resolveClass(desc);
      }
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        Class<?> primitive = PRIMITIVES.get(desc.getName());
        if (primitive != null) {
          return primitive;
        }
        throw e;
      }
    }
  }
}
