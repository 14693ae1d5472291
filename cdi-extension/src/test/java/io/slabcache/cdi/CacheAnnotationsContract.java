package io.slabcache.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * What the annotations do, checked through the caches' contents after each call. Run once per
 * container set-up: Weld SE with programmatically added beans, and Arquillian deployments with
 * {@code beans.xml} discovery.
 */
abstract class CacheAnnotationsContract {

  /** A contextual reference to the bean of the given class. */
  protected abstract <T> T bean(Class<T> type);

  static CacheManager cacheManager() {
    return Caching.getCachingProvider().getCacheManager();
  }

  static Cache<Object, Object> cache(String name) {
    Cache<Object, Object> cache = cacheManager().getCache(name);
    return cache != null ? cache : cacheManager().createCache(name, new MutableConfiguration<>());
  }

  static Map<Object, Object> contents(String name) {
    Map<Object, Object> contents = new LinkedHashMap<>();
    Cache<Object, Object> cache = cacheManager().getCache(name);
    if (cache != null) {
      cache.forEach(e -> contents.put(e.getKey(), e.getValue()));
    }
    return contents;
  }

  static DefaultGeneratedCacheKey key(Object... parameters) {
    return DefaultGeneratedCacheKey.of(parameters);
  }

  /**
   * Every test starts with this rather than a {@code @BeforeEach} method, which Arquillian's JUnit
   * 5 extension skips for local containers such as Weld embedded.
   */
  static void destroyAllCaches() {
    CacheManager manager = cacheManager();
    List<String> names = new ArrayList<>();
    manager.getCacheNames().forEach(names::add);
    names.forEach(manager::destroyCache);
  }

  // ---- @CacheResult

  @Test
  void cacheResultInvokesOnceAndCachesUnderTheCacheDefaultsName() {
    destroyAllCaches();
    Products products = bean(Products.class);
    int before = products.invocations();

    String first = products.find("a");
    assertThat(contents("products")).containsExactly(entry(key("a"), first));
    assertThat(products.find("a")).isEqualTo(first);
    assertThat(products.invocations()).isEqualTo(before + 1);

    String other = products.find("b");
    assertThat(other).isNotEqualTo(first);
    assertThat(contents("products")).containsOnly(entry(key("a"), first), entry(key("b"), other));
  }

  @Test
  void cacheKeyParametersAloneFormTheKey() {
    destroyAllCaches();
    Products products = bean(Products.class);
    String forAlice = products.price("a", "alice");

    assertThat(products.price("a", "bob")).isEqualTo(forAlice);
    assertThat(contents("prices")).containsExactly(entry(key("a"), forAlice));
  }

  @Test
  void skipGetAlwaysInvokesAndCachesTheNewResult() {
    destroyAllCaches();
    Products products = bean(Products.class);
    String cached = products.find("a");

    String refreshed = products.refresh("a");
    assertThat(refreshed).isNotEqualTo(cached);
    assertThat(contents("products")).containsExactly(entry(key("a"), refreshed));
    assertThat(products.find("a")).isEqualTo(refreshed);
  }

  @Test
  void nullResultsAreNotCached() {
    destroyAllCaches();
    Products products = bean(Products.class);
    int before = products.invocations();

    assertThat(products.findOrNull("none")).isNull();
    assertThat(products.findOrNull("none")).isNull();
    assertThat(products.invocations()).isEqualTo(before + 2);
    assertThat(contents("maybe")).isEmpty();
  }

  @Test
  void withoutAnyCacheNameTheGeneratedNameIsUsed() {
    destroyAllCaches();
    Inventory inventory = bean(Inventory.class);
    int before = Inventory.INVOCATIONS.get();

    assertThat(inventory.count("ab", 3)).isEqualTo(203);
    assertThat(inventory.count("ab", 3)).isEqualTo(203);
    assertThat(Inventory.INVOCATIONS.get()).isEqualTo(before + 1);
    assertThat(contents(Inventory.COUNT_CACHE)).containsExactly(entry(key("ab", 3), 203));
  }

  @Test
  void exceptionCacheKeepsAndRethrowsTheException() throws Exception {
    destroyAllCaches();
    Products products = bean(Products.class);

    assertThatThrownBy(() -> products.report("a", new IOException("disk")))
        .isInstanceOf(IOException.class)
        .hasMessage("disk");
    assertThat(contents("reports")).isEmpty();
    assertThat(contents("report-errors")).containsOnlyKeys(key("a"));
    assertThat(contents("report-errors").get(key("a"))).isInstanceOf(IOException.class);

    int before = products.invocations();
    assertThatThrownBy(() -> products.report("a", null))
        .isInstanceOf(IOException.class)
        .hasMessage("disk");
    assertThat(products.invocations()).isEqualTo(before);

    assertThat(products.report("b", null)).isEqualTo("report b");
    assertThat(contents("reports")).containsExactly(entry(key("b"), "report b"));
  }

  @Test
  void skipGetIgnoresACachedExceptionAndCachesTheResult() throws Exception {
    destroyAllCaches();
    Products products = bean(Products.class);
    assertThatThrownBy(() -> products.report("a", new IllegalStateException("down")))
        .isInstanceOf(IllegalStateException.class);

    assertThat(products.reportAlways("a", null)).isEqualTo("report a");
    assertThat(contents("reports")).containsExactly(entry(key("a"), "report a"));
    assertThat(products.report("a", null)).isEqualTo("report a");
  }

  @Test
  void cachedExceptionsSelectWhatIsCached() {
    destroyAllCaches();
    Products products = bean(Products.class);

    assertThatThrownBy(
            () -> products.reportCachingIllegalState("a", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> products.reportCachingIllegalState("b", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);

    assertThat(contents("report-errors")).containsOnlyKeys(key("b"));
  }

  @Test
  void nonCachedExceptionsExcludeFromAllOthers() {
    destroyAllCaches();
    Products products = bean(Products.class);

    assertThatThrownBy(
            () -> products.reportNotCachingIllegalArgument("a", new NumberFormatException()))
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(
            () -> products.reportNotCachingIllegalArgument("b", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> products.reportNotCachingIllegalArgument("c", new IOException()))
        .isInstanceOf(IOException.class);

    assertThat(contents("report-errors")).containsOnlyKeys(key("b"), key("c"));
  }

  @Test
  void cachedAndNonCachedExceptionsTogether() {
    destroyAllCaches();
    Products products = bean(Products.class);

    assertThatThrownBy(
            () ->
                products.reportCachingRuntimeButNotIllegalArgument(
                    "a", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                products.reportCachingRuntimeButNotIllegalArgument(
                    "b", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> products.reportCachingRuntimeButNotIllegalArgument("c", new IOException()))
        .isInstanceOf(IOException.class);

    assertThat(contents("report-errors")).containsOnlyKeys(key("b"));
  }

  @Test
  void withoutExceptionCacheNameNoExceptionIsCached() {
    destroyAllCaches();
    Products products = bean(Products.class);
    int before = products.invocations();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () -> products.reportWithoutExceptionCache("a", new IllegalStateException()))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(products.invocations()).isEqualTo(before + 2);
    assertThat(cacheManager().getCacheNames()).doesNotContain("report-errors");
    assertThat(contents("reports")).isEmpty();
  }

  // ---- @CachePut

  @Test
  void cachePutStoresTheValueUnderTheOtherParametersAfterTheInvocation() {
    destroyAllCaches();
    Profiles profiles = bean(Profiles.class);
    cache(Profiles.CACHE);

    profiles.save("a", "alice");
    assertThat(last(profiles.seenDuringCalls())).isEqualTo("nothing");
    assertThat(contents(Profiles.CACHE)).containsExactly(entry(key("a"), "alice"));

    profiles.save("a", "alicia");
    assertThat(last(profiles.seenDuringCalls())).isEqualTo("alice");
    assertThat(contents(Profiles.CACHE)).containsExactly(entry(key("a"), "alicia"));
  }

  @Test
  void cachePutKeyIsMadeOfTheCacheKeyParameters() {
    destroyAllCaches();
    bean(Profiles.class).saveWithVersion("a", 7, "alice");
    assertThat(contents(Profiles.CACHE)).containsExactly(entry(key("a"), "alice"));
  }

  @Test
  void cachePutOfNullRemovesTheEntry() {
    destroyAllCaches();
    Profiles profiles = bean(Profiles.class);
    profiles.save("a", "alice");
    profiles.save("b", "bob");

    profiles.save("a", null);
    assertThat(contents(Profiles.CACHE)).containsExactly(entry(key("b"), "bob"));
  }

  @Test
  void cachePutBeforeInvocationStoresEvenWhenTheMethodFails() {
    destroyAllCaches();
    Profiles profiles = bean(Profiles.class);
    cache(Profiles.CACHE);

    assertThatThrownBy(() -> profiles.saveFirst("a", "alice", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(last(profiles.seenDuringCalls())).isEqualTo("alice");
    assertThat(contents(Profiles.CACHE)).containsExactly(entry(key("a"), "alice"));
  }

  @Test
  void exceptionsPreventThePutByDefault() {
    destroyAllCaches();
    Profiles profiles = bean(Profiles.class);

    assertThatThrownBy(() -> profiles.saveUnlessFailing("a", "alice", new IOException()))
        .isInstanceOf(IOException.class);
    assertThat(contents(Profiles.CACHE)).isEmpty();
  }

  @Test
  void cacheForSelectsTheExceptionsThatStillPut() {
    destroyAllCaches();
    Profiles profiles = bean(Profiles.class);

    assertThatThrownBy(() -> profiles.saveEvenOnIllegalState("a", "A", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> profiles.saveEvenOnIllegalState("b", "B", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(contents(Profiles.CACHE)).containsExactly(entry(key("a"), "A"));
  }

  @Test
  void noCacheForExcludesFromAllOthers() {
    destroyAllCaches();
    Profiles profiles = bean(Profiles.class);

    assertThatThrownBy(
            () -> profiles.saveUnlessIllegalArgument("a", "A", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> profiles.saveUnlessIllegalArgument("b", "B", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> profiles.saveUnlessIllegalArgument("c", "C", new IOException()))
        .isInstanceOf(IOException.class);

    assertThat(contents(Profiles.CACHE)).containsOnly(entry(key("b"), "B"), entry(key("c"), "C"));
  }

  @Test
  void cacheForAndNoCacheForTogether() {
    destroyAllCaches();
    Profiles profiles = bean(Profiles.class);

    assertThatThrownBy(
            () ->
                profiles.saveOnRuntimeButNotIllegalArgument(
                    "a", "A", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                profiles.saveOnRuntimeButNotIllegalArgument("b", "B", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> profiles.saveOnRuntimeButNotIllegalArgument("c", "C", new IOException()))
        .isInstanceOf(IOException.class);

    assertThat(contents(Profiles.CACHE)).containsExactly(entry(key("b"), "B"));
  }

  // ---- @CacheRemove and @CacheRemoveAll

  private static void fillSessions() {
    Cache<Object, Object> sessions = cache(Sessions.CACHE);
    sessions.put(key("a"), "session a");
    sessions.put(key("b"), "session b");
  }

  @Test
  void cacheRemoveRemovesTheKeyAfterTheInvocation() throws Exception {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();

    sessions.end("a", null);
    assertThat(last(sessions.sizesDuringCalls())).isEqualTo(2);
    assertThat(contents(Sessions.CACHE)).containsExactly(entry(key("b"), "session b"));
  }

  @Test
  void cacheRemoveBeforeInvocationRemovesEvenWhenTheMethodFails() {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();

    assertThatThrownBy(() -> sessions.endFirst("a", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(last(sessions.sizesDuringCalls())).isEqualTo(1);
    assertThat(contents(Sessions.CACHE)).containsExactly(entry(key("b"), "session b"));
  }

  @Test
  void exceptionsPreventTheRemoveByDefault() {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();

    assertThatThrownBy(() -> sessions.end("a", new IOException())).isInstanceOf(IOException.class);
    assertThat(contents(Sessions.CACHE)).containsOnlyKeys(key("a"), key("b"));
  }

  @Test
  void evictForAndNoEvictForDecideWhichExceptionsStillRemove() {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();
    assertThatThrownBy(() -> sessions.endEvenOnIllegalState("a", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(contents(Sessions.CACHE)).containsOnlyKeys(key("a"), key("b"));
    assertThatThrownBy(() -> sessions.endEvenOnIllegalState("a", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(contents(Sessions.CACHE)).containsOnlyKeys(key("b"));

    fillSessions();
    assertThatThrownBy(() -> sessions.endUnlessIllegalArgument("a", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(contents(Sessions.CACHE)).containsOnlyKeys(key("a"), key("b"));
    assertThatThrownBy(() -> sessions.endUnlessIllegalArgument("a", new IOException()))
        .isInstanceOf(IOException.class);
    assertThat(contents(Sessions.CACHE)).containsOnlyKeys(key("b"));

    fillSessions();
    assertThatThrownBy(
            () -> sessions.endOnRuntimeButNotIllegalArgument("a", new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sessions.endOnRuntimeButNotIllegalArgument("a", new IOException()))
        .isInstanceOf(IOException.class);
    assertThat(contents(Sessions.CACHE)).containsOnlyKeys(key("a"), key("b"));
    assertThatThrownBy(
            () -> sessions.endOnRuntimeButNotIllegalArgument("a", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(contents(Sessions.CACHE)).containsOnlyKeys(key("b"));
  }

  @Test
  void cacheRemoveAllEmptiesTheCacheAfterTheInvocation() throws Exception {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();

    sessions.endAll(null);
    assertThat(last(sessions.sizesDuringCalls())).isEqualTo(2);
    assertThat(contents(Sessions.CACHE)).isEmpty();
  }

  @Test
  void cacheRemoveAllBeforeInvocationEmptiesEvenWhenTheMethodFails() {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();

    assertThatThrownBy(() -> sessions.endAllFirst(new IOException()))
        .isInstanceOf(IOException.class);
    assertThat(last(sessions.sizesDuringCalls())).isZero();
    assertThat(contents(Sessions.CACHE)).isEmpty();
  }

  @Test
  void exceptionsPreventTheRemoveAllByDefault() {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();

    assertThatThrownBy(() -> sessions.endAll(new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(contents(Sessions.CACHE)).hasSize(2);
  }

  @Test
  void evictForAndNoEvictForDecideWhichExceptionsStillRemoveAll() {
    destroyAllCaches();
    Sessions sessions = bean(Sessions.class);
    fillSessions();
    assertThatThrownBy(() -> sessions.endAllEvenOnIllegalState(new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(contents(Sessions.CACHE)).hasSize(2);
    assertThatThrownBy(() -> sessions.endAllEvenOnIllegalState(new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(contents(Sessions.CACHE)).isEmpty();

    fillSessions();
    assertThatThrownBy(() -> sessions.endAllUnlessIllegalArgument(new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(contents(Sessions.CACHE)).hasSize(2);
    assertThatThrownBy(() -> sessions.endAllUnlessIllegalArgument(new IOException()))
        .isInstanceOf(IOException.class);
    assertThat(contents(Sessions.CACHE)).isEmpty();

    fillSessions();
    assertThatThrownBy(
            () -> sessions.endAllOnRuntimeButNotIllegalArgument(new IllegalArgumentException()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sessions.endAllOnRuntimeButNotIllegalArgument(new IOException()))
        .isInstanceOf(IOException.class);
    assertThat(contents(Sessions.CACHE)).hasSize(2);
    assertThatThrownBy(
            () -> sessions.endAllOnRuntimeButNotIllegalArgument(new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(contents(Sessions.CACHE)).isEmpty();
  }

  // ---- class-level annotations and custom components

  @Test
  void classLevelAnnotationAppliesToEveryMethodUnlessTheMethodHasItsOwn() {
    destroyAllCaches();
    Greeter greeter = bean(Greeter.class);

    String hello = greeter.hello("ann");
    String bye = greeter.bye("bob");
    assertThat(greeter.hello("ann")).isEqualTo(hello);
    assertThat(contents(Greeter.CACHE))
        .containsOnly(entry(key("ann"), hello), entry(key("bob"), bye));

    greeter.forgetAll();
    assertThat(contents(Greeter.CACHE)).isEmpty();
  }

  @Test
  void cacheDefaultsNameTheResolverFactoryAndKeyGeneratorOfEveryMethod() throws Exception {
    destroyAllCaches();
    Tenants tenants = bean(Tenants.class);

    String account = tenants.account("abc", null);
    assertThat(tenants.account("ABC", null)).isEqualTo(account);
    assertThat(contents("tenant-accounts")).containsExactly(entry(key("ABC"), account));
    assertThat(cacheManager().getCacheNames()).doesNotContain("accounts");

    tenants.update("abc", "replaced");
    assertThat(contents("tenant-accounts")).containsExactly(entry(key("ABC"), "replaced"));
    tenants.close("Abc");
    assertThat(contents("tenant-accounts")).isEmpty();

    String defaulted = tenants.defaulted("xyz");
    assertThat(contents("tenant-defaulted")).containsExactly(entry(key("XYZ"), defaulted));
  }

  @Test
  void componentsNamedOnPutRemoveAndRemoveAllMethods() {
    destroyAllCaches();
    TenantAdmin admin = bean(TenantAdmin.class);

    admin.grant("ann", "owner");
    admin.grant("bob", "reader");
    assertThat(contents("tenant-admins"))
        .containsOnly(entry(key("ANN"), "owner"), entry(key("BOB"), "reader"));
    assertThat(cacheManager().getCacheNames()).doesNotContain("admins");

    admin.revoke("Ann");
    assertThat(contents("tenant-admins")).containsExactly(entry(key("BOB"), "reader"));

    admin.revokeAll();
    assertThat(contents("tenant-admins")).isEmpty();
  }

  @Test
  void customResolverFactoryResolvesTheExceptionCache() {
    destroyAllCaches();
    Tenants tenants = bean(Tenants.class);

    assertThatThrownBy(() -> tenants.account("abc", new IllegalStateException()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(contents("tenant-account-errors")).containsOnlyKeys(key("ABC"));
  }

  @Test
  void keyGeneratorThatIsABeanIsUsedAsTheBean() {
    destroyAllCaches();
    Tenants tenants = bean(Tenants.class);
    CountingKeyGenerator generator = bean(CountingKeyGenerator.class);
    int before = generator.generated();

    String counted = tenants.counted("a");
    assertThat(tenants.counted("a")).isEqualTo(counted);
    assertThat(generator.generated()).isEqualTo(before + 2);
    assertThat(contents("tenant-counted"))
        .containsExactly(entry(key("counted", List.of("a")), counted));
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
