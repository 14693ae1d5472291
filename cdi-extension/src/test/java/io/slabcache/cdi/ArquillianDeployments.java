package io.slabcache.cdi;

import jakarta.enterprise.inject.spi.Extension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** Bean archives for the Arquillian tests, differing in their {@code beans.xml}. */
final class ArquillianDeployments {
  private ArquillianDeployments() {}

  /** The contract's beans in an archive with the given bean discovery mode. */
  static JavaArchive contractBeans(String discoveryMode) {
    return ShrinkWrap.create(JavaArchive.class, "cache-annotations-" + discoveryMode + ".jar")
        .addClasses(
            CacheAnnotationsContract.class,
            Products.class,
            Inventory.class,
            Profiles.class,
            Sessions.class,
            Greeter.class,
            Tenants.class,
            TenantAdmin.class,
            UpperCaseKeyGenerator.class,
            TenantResolverFactory.class,
            CountingKeyGenerator.class,
            CountingKeyGenerator.KeyPrefix.class,
            PlainCatalog.class)
        .addAsManifestResource(
            new StringAsset(
                "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                    + " bean-discovery-mode=\""
                    + discoveryMode
                    + "\"/>"),
            "beans.xml")
        .addAsServiceProvider(Extension.class, CacheAnnotationsExtension.class);
  }
}
