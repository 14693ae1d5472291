package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slabcache.client.SlabcacheServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager URI may name a properties file, as frameworks name a provider's configuration: the file
 * says where the caches live and sets the manager's properties.
 */
class ConfigurationFileTest {

  @TempDir Path directory;

  private final SlabCachingProvider provider = new SlabCachingProvider();
  private SlabcacheServers servers;

  @AfterEach
  void close() {
    provider.close();
    if (servers != null) {
      servers.close();
    }
  }

  private URI file(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    return file.toUri();
  }

  private URI poolUri() {
    servers = SlabcacheServers.start(1);
    return RemoteCacheManagerTest.uri(servers.addresses());
  }

  private static Cache<String, String> cache(CacheManager manager) {
    return manager.createCache(
        "orders", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @Test
  void aFileThatNamesAPoolOpensAManagerOnThosePoolServers() throws Exception {
    URI pool = poolUri();
    URI configuration = file("slabcache.properties", "slabcache.uri = " + pool + "\n");

    CacheManager configured = provider.getCacheManager(configuration, null);
    cache(configured).put("o-1", "shipped");

    assertThat(configured.getURI()).isEqualTo(configuration);
    CacheManager direct = new SlabCachingProvider().getCacheManager(pool, null);
    try {
      assertThat(direct.getCache("orders", String.class, String.class).get("o-1"))
          .isEqualTo("shipped");
    } finally {
      direct.close();
    }
  }

  @Test
  void aFileInAJarIsReadAsWell() throws Exception {
    URI pool = poolUri();
    Path jar = directory.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream entries = new JarOutputStream(out)) {
      entries.putNextEntry(new JarEntry("config/slabcache.properties"));
      entries.write(("slabcache.uri=" + pool).getBytes(StandardCharsets.ISO_8859_1));
      entries.closeEntry();
    }
    URI configuration = URI.create("jar:" + jar.toUri() + "!/config/slabcache.properties");

    cache(provider.getCacheManager(configuration, null)).put("o-2", "packed");

    CacheManager direct = new SlabCachingProvider().getCacheManager(pool, null);
    try {
      assertThat(direct.getCache("orders", String.class, String.class).get("o-2"))
          .isEqualTo("packed");
    } finally {
      direct.close();
    }
  }

  @Test
  void aFileWithoutALocationConfiguresAnEmbeddedEngineAndItsEntriesAreTheManagersProperties()
      throws Exception {
    URI configuration = file("embedded.properties", "slabcache.memory.megabytes=8\nteam=billing\n");
    Properties given = new Properties();
    given.setProperty("team", "payments");

    CacheManager manager = provider.getCacheManager(configuration, null, given);

    assertThat(manager.getProperties())
        .containsEntry("slabcache.memory.megabytes", "8")
        .containsEntry("team", "payments");
    // only an embedded engine holds values by reference
    Cache<String, StringBuilder> byReference =
        manager.createCache(
            "drafts",
            new MutableConfiguration<String, StringBuilder>()
                .setTypes(String.class, StringBuilder.class)
                .setStoreByValue(false));
    StringBuilder draft = new StringBuilder("a");
    byReference.put("d", draft);
    assertThat(byReference.get("d")).isSameAs(draft);
  }

  @Test
  void aFileThatCannotBeReadOrNamesNoValidPlaceIsACacheException() throws Exception {
    URI missing = directory.resolve("missing.properties").toUri();
    assertThatThrownBy(() -> provider.getCacheManager(missing, null))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("missing.properties");

    URI invalid = file("invalid.properties", "slabcache.uri=memcached://a b\n");
    assertThatThrownBy(() -> provider.getCacheManager(invalid, null))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("slabcache.uri");
  }

  @Test
  void aPathWithoutASchemeIsAResourceOfTheManagersClassLoader() {
    URI resource = URI.create("io/slabcache/jcache/embedded-manager.properties");
    Properties defaults = new Properties();
    defaults.setProperty("region", "eu");

    CacheManager manager =
        provider.getCacheManager(resource, getClass().getClassLoader(), new Properties(defaults));

    assertThat(manager.getURI()).isEqualTo(resource);
    assertThat(manager.getProperties())
        .containsEntry("team", "billing")
        .containsEntry("slabcache.memory.megabytes", "8")
        .containsEntry("region", "eu");
    URI missing = URI.create("io/slabcache/jcache/none.properties");
    assertThatThrownBy(() -> provider.getCacheManager(missing, getClass().getClassLoader()))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("none.properties");
  }

  @Test
  void onlyAPathEndingInPropertiesNamesAFile() {
    assertThat(ConfigurationFile.isNamedBy(URI.create("https://config/slabcache.properties?v=2")))
        .isTrue();
    assertThat(ConfigurationFile.isNamedBy(URI.create("jar:file:/app.jar!/slabcache.properties")))
        .isTrue();
    assertThat(ConfigurationFile.isNamedBy(URI.create("slabcache.properties"))).isTrue();
    assertThat(ConfigurationFile.isNamedBy(URI.create("slabcache:embedded"))).isFalse();
    assertThat(ConfigurationFile.isNamedBy(URI.create("memcached://a:11211,b:11211"))).isFalse();
    assertThat(ConfigurationFile.isNamedBy(URI.create("file:/etc/slabcache.xml"))).isFalse();
  }
}
