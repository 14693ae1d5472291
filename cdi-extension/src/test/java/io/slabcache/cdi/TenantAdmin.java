package io.slabcache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheValue;

/** Custom components named on the methods themselves, without {@code @CacheDefaults}. */
@ApplicationScoped
public class TenantAdmin {

  @CachePut(
      cacheName = "admins",
      cacheResolverFactory = TenantResolverFactory.class,
      cacheKeyGenerator = UpperCaseKeyGenerator.class)
  public void grant(@CacheKey String user, @CacheValue String role) {}

  @CacheRemove(
      cacheName = "admins",
      cacheResolverFactory = TenantResolverFactory.class,
      cacheKeyGenerator = UpperCaseKeyGenerator.class)
  public void revoke(String user) {}

  @CacheRemoveAll(cacheName = "admins", cacheResolverFactory = TenantResolverFactory.class)
  public void revokeAll() {}
}
