package io.slabcache.jcache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Properties;
import javax.cache.CacheException;

/**
 * A cache manager URI that names a configuration file instead of a place: a {@code .properties}
 * resource, as frameworks hand a JCache provider the location of its configuration (Spring's {@code
 * spring.cache.jcache.config}, Hibernate's {@code hibernate.javax.cache.uri}). Its entries are the
 * manager's properties, and {@value SlabCachingProvider#CACHES_URI} in it says where the caches
 * live.
 */
final class ConfigurationFile {

  private final URI location;
  private final Properties properties;

  private ConfigurationFile(URI location, Properties properties) {
    this.location = location;
    this.properties = properties;
  }

  /**
   * Whether {@code uri} names a configuration file: a URL (not a {@code slabcache:} or {@code
   * memcached:} URI) whose path ends in .properties.
   */
  static boolean isNamedBy(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null
        || "memcached".equalsIgnoreCase(scheme)
        || "slabcache".equalsIgnoreCase(scheme)) {
      return false;
    }
    // a jar: URL is opaque: its path is in the scheme-specific part
    return uri.getSchemeSpecificPart().toLowerCase(Locale.ROOT).endsWith(".properties");
  }

  /**
   * Reads the file {@code uri} names.
   *
   * @throws CacheException if it cannot be read, or names no valid URI for the caches
   */
  static ConfigurationFile read(URI uri) {
    Properties properties = new Properties();
    try (InputStream in = uri.toURL().openStream()) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new CacheException("cannot read the cache manager configuration " + uri, e);
    }
    String caches =
        properties.getProperty(SlabCachingProvider.CACHES_URI, SlabCachingProvider.DEFAULT_URI);
    try {
      URI location = new URI(caches.trim());
      if (isNamedBy(location)) {
        throw new CacheException(
            SlabCachingProvider.CACHES_URI + " in " + uri + " names another file: " + caches);
      }
      return new ConfigurationFile(location, properties);
    } catch (URISyntaxException e) {
      throw new CacheException(
          SlabCachingProvider.CACHES_URI + " in " + uri + " is not a URI: " + caches, e);
    }
  }

  /** Where the caches live: a {@code memcached://} pool, or an embedded engine. */
  URI location() {
    return location;
  }

  /** The file's entries, under those given in code, which take precedence. */
  Properties under(Properties given) {
    Properties merged = new Properties();
    merged.putAll(properties);
    merged.putAll(given);
    return merged;
  }
}
