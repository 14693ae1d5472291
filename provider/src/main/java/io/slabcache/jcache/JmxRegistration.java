package io.slabcache.jcache;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;

/**
 * Registers a cache's MXBeans on the platform MBean server under JSR-107's object names. Those
 * names hold only the manager's URI and the cache's name, so two managers of one URI (two class
 * loaders, or two providers) may have caches of the same name: the first to register keeps the name
 * until it lets go of it, and the other's unregistering leaves it alone.
 */
final class JmxRegistration {

  /** Which cache each name was registered for. */
  private static final ConcurrentMap<ObjectName, SlabCache<?, ?>> OWNERS =
      new ConcurrentHashMap<>();

  enum Kind {
    CacheConfiguration,
    CacheStatistics
  }

  private JmxRegistration() {}

  static void register(SlabCache<?, ?> cache, Kind kind, Object bean) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(cache, kind);
    if (OWNERS.putIfAbsent(name, cache) != null) {
      return; // this cache's, or another manager's cache of the same name
    }
    try {
      server.registerMBean(bean, name);
    } catch (InstanceAlreadyExistsException e) {
      // registered by someone outside this provider: theirs to keep
      OWNERS.remove(name, cache);
    } catch (MBeanRegistrationException | NotCompliantMBeanException e) {
      OWNERS.remove(name, cache);
      throw new CacheException("cannot register " + name, e);
    }
  }

  static void unregister(SlabCache<?, ?> cache, Kind kind) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(cache, kind);
    if (OWNERS.get(name) != cache) {
      return;
    }
    try {
      server.unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // unregistered by someone outside this provider
    } catch (MBeanRegistrationException e) {
      throw new CacheException("cannot unregister " + name, e);
    } finally {
      OWNERS.remove(name, cache);
    }
  }

  private static ObjectName objectName(SlabCache<?, ?> cache, Kind kind) {
    String manager = safe(cache.getCacheManager().getURI().toString());
    try {
      return new ObjectName(
          "javax.cache:type="
              + kind
              + ",CacheManager="
              + manager
              + ",Cache="
              + safe(cache.getName()));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("cannot name the MXBean of cache " + cache.getName(), e);
    }
  }

  /** Replaces the characters an object name value may not hold unquoted. */
  private static String safe(String value) {
    return value.replaceAll("[,:=\n]", ".");
  }
}
