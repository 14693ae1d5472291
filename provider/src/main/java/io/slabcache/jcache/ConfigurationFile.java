package io.slabcache.jcache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import java.util.Properties;
import javax.cache.CacheException;

/**
 * A cache manager URI that names a configuration file instead of a place: a {@code .properties}
 * resource, as frameworks hand a JCache provider the location of its configuration (Spring's {@code
 * spring.cache.jcache.config}, Hibernate's {@code hibernate.javax.cache.uri}). A URL names the file
 * itself, a URI without a scheme a resource of the manager's class loader. Its entries are the
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
   * memcached:} URI) or a URI without a scheme, whose path ends in .properties.
   */
  static boolean isNamedBy(URI uri) {
    String scheme = uri.getScheme();
    if ("memcached".equalsIgnoreCase(scheme) || "slabcache".equalsIgnoreCase(scheme)) {
      return false;
    }
    // a jar: URL is opaque: its path is in the scheme-specific part, after the archive's
    String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
    return path != null && path.toLowerCase(Locale.ROOT).endsWith(".properties");
  }

  /**
   * Reads the file {@code uri} names; a URI without a scheme is a resource of {@code classLoader}.
   *
   * @throws CacheException if it cannot be read, or names no valid URI for the caches
   */
  static ConfigurationFile read(URI uri, ClassLoader classLoader) {
    Properties properties = new Properties();
    try (InputStream in = url(uri, classLoader).openStream()) {
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

  private static URL url(URI uri, ClassLoader classLoader) throws IOException {
    if (uri.getScheme() != null) {
      return uri.toURL();
    }
    URL resource = classLoader.getResource(uri.getPath());
    if (resource == null) {
      throw new IOException("no such resource on the class path: " + uri.getPath());
    }
    return resource;
  }

  /** Where the caches live: a {@code memcached://} pool, or an embedded engine. */
  URI location() {
    return location;
  }

  /** The file's entries, under those given in code (with their defaults), which take precedence. */
  Properties under(Properties given) {
    Properties merged = new Properties();
    for (String name : properties.stringPropertyNames()) {
      merged.setProperty(name, properties.getProperty(name));
    }
    for (String name : given.stringPropertyNames()) {
      merged.setProperty(name, given.getProperty(name));
    }
    return merged;
  }
}
