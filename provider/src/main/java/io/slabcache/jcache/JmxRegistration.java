package io.slabcache.jcache;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;

/** Registers a cache's MXBeans on the platform MBean server under JSR-107's object names. */
final class JmxRegistration {

  enum Kind {
    CacheConfiguration,
    CacheStatistics
  }

  private JmxRegistration() {}

  static void register(SlabCache<?, ?> cache, Kind kind, Object bean) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(cache, kind);
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // registered concurrently: the same cache's bean is there
    } catch (MBeanRegistrationException | NotCompliantMBeanException e) {
      throw new CacheException("cannot register " + name, e);
    }
  }

  static void unregister(SlabCache<?, ?> cache, Kind kind) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(cache, kind);
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // unregistered concurrently
    } catch (MBeanRegistrationException e) {
      throw new CacheException("cannot unregister " + name, e);
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
