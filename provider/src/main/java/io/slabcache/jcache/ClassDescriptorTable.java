package io.slabcache.jcache;

import java.io.ObjectStreamClass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Numbers for the class descriptions of Java serialization, so that a serialized object carries a
 * number of a byte or two instead of its class name and fields. A number means something only to
 * the table that gave it; the table grows with the number of distinct classes, not of objects.
 */
final class ClassDescriptorTable {

  private final Map<Class<?>, Integer> ids = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<ObjectStreamClass> descriptors = new CopyOnWriteArrayList<>();

  /** The number of {@code descriptor}'s class, given on first use. */
  int idOf(ObjectStreamClass descriptor) {
    Class<?> type = descriptor.forClass();
    Integer id = ids.get(type);
    if (id != null) {
      return id;
    }
    synchronized (this) {
      return ids.computeIfAbsent(
          type,
          t -> {
            descriptors.add(descriptor);
            return descriptors.size() - 1;
          });
    }
  }

  /** The descriptor numbered {@code id}, or {@code null} if no class has that number. */
  ObjectStreamClass descriptor(int id) {
    return id >= 0 && id < descriptors.size() ? descriptors.get(id) : null;
  }
}
