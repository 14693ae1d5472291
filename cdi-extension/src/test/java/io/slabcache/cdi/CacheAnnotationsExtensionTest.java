package io.slabcache.cdi;

import static io.slabcache.cdi.CacheAnnotationsContract.contents;
import static io.slabcache.cdi.CacheAnnotationsContract.destroyAllCaches;
import static io.slabcache.cdi.CacheAnnotationsContract.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InterceptionFactory;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;
import javax.cache.configuration.MutableConfiguration;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the extension fits into a CDI container: validation, extensions, components, lifecycle. */
class CacheAnnotationsExtensionTest {

  private static WeldContainer start(Class<?>... beanClasses) {
    return start(new Weld().disableDiscovery(), beanClasses);
  }

  private static WeldContainer start(Weld weld, Class<?>... beanClasses) {
    return weld.addExtension(new CacheAnnotationsExtension())
        .addBeanClasses(beanClasses)
        .initialize();
  }

  @BeforeEach
  void noCaches() {
    destroyAllCaches();
  }

  // ---- misused annotations fail the deployment

  static class TwoOperations {
    @CacheResult
    @CacheRemove
    public String get(String id) {
      return id;
    }
  }

  @CacheResult
  @CachePut
  static class TwoOperationsOnTheClass {
    public String get(String id) {
      return id;
    }
  }

  static class PutWithoutValue {
    @CachePut(cacheName = "c")
    public void put(String id, String value) {}
  }

  static class PutWithTwoValues {
    @CachePut(cacheName = "c")
    public void put(String id, @CacheValue String value, @CacheValue String other) {}
  }

  static class ResultWithValue {
    @CacheResult(cacheName = "c")
    public String get(String id, @CacheValue String value) {
      return value;
    }
  }

  @Test
  void twoCacheAnnotationsOnOneMethodFailTheDeployment() {
    assertThatThrownBy(() -> start(TwoOperations.class).close())
        .hasStackTraceContaining("Only one of @CacheResult, @CachePut, @CacheRemove")
        .hasStackTraceContaining("found @CacheResult, @CacheRemove");
  }

  @Test
  void twoCacheAnnotationsOnOneClassFailTheDeployment() {
    assertThatThrownBy(() -> start(TwoOperationsOnTheClass.class).close())
        .hasStackTraceContaining("may annotate the class of")
        .hasStackTraceContaining("found @CacheResult, @CachePut");
  }

  @Test
  void cacheValueMisuseFailsTheDeployment() {
    assertThatThrownBy(() -> start(PutWithoutValue.class).close())
        .hasStackTraceContaining("@CachePut needs one parameter annotated @CacheValue");
    assertThatThrownBy(() -> start(PutWithTwoValues.class).close())
        .hasStackTraceContaining("More than one @CacheValue parameter");
    assertThatThrownBy(() -> start(ResultWithValue.class).close())
        .hasStackTraceContaining("@CacheValue is only allowed with @CachePut");
  }

  @CachePut(cacheName = "class-level-put")
  static class ClassLevelPut {
    public void store(String id, @CacheValue String value) {
      log(id);
    }

    private void log(String id) {}

    static String describe() {
      return "static methods are not intercepted";
    }
  }

  @Test
  void classLevelAnnotationsAreCheckedOnlyOnMethodsTheContainerIntercepts() {
    try (WeldContainer container = start(ClassLevelPut.class)) {
      container.select(ClassLevelPut.class).get().store("a", "A");
      assertThat(contents("class-level-put")).containsExactly(entry(key("a"), "A"));
    }
  }

  /** A bean of a passivating scope: its interceptors must be passivation capable too. */
  @SessionScoped
  public static class Cart implements Serializable {
    private static final long serialVersionUID = 1L;

    @CacheResult(cacheName = "carts")
    public String total(String id) {
      return id;
    }
  }

  @Test
  void beansOfPassivatingScopesCanUseTheAnnotations() {
    try (WeldContainer container = start(Cart.class)) {
      assertThat(container.getBeanManager().getBeans(Cart.class)).hasSize(1);
    }
  }

  /** An instance made by a producer and intercepted through an {@code InterceptionFactory}. */
  public static class ProducedCatalogs {
    @Produces
    @Named("produced")
    PlainCatalog produce(InterceptionFactory<PlainCatalog> factory) {
      return factory.createInterceptedInstance(new PlainCatalog());
    }
  }

  @Test
  void instancesInterceptedThroughAnInterceptionFactoryUseTheirClassAnnotations() {
    try (WeldContainer container = start(ProducedCatalogs.class)) {
      PlainCatalog catalog =
          container.select(PlainCatalog.class, NamedLiteral.of("produced")).get();

      String title = catalog.title("isbn-1");
      assertThat(catalog.title("isbn-1")).isEqualTo(title);
      assertThat(contents("catalog")).containsExactly(entry(key("isbn-1"), title));
    }
  }

  public static class AuditedCatalog {
    @Audited
    @CacheResult(cacheName = "audited")
    public String title(String isbn) {
      return isbn;
    }
  }

  @Test
  void cacheHitsDoNotReachApplicationInterceptors() {
    AuditInterceptor.CALLS.set(0);
    try (WeldContainer container = start(AuditedCatalog.class, AuditInterceptor.class)) {
      AuditedCatalog catalog = container.select(AuditedCatalog.class).get();
      catalog.title("isbn-1");
      catalog.title("isbn-1");
      catalog.title("isbn-2");
    }
    assertThat(AuditInterceptor.CALLS).hasValue(2);
  }

  // ---- annotations as the container sees them

  /**
   * A bean used by one test only: Weld reuses the subclass it generated for a bean class in an
   * earlier container of the same JVM, whatever the annotations are now.
   */
  public static class Summaries {
    private final AtomicInteger invocations = new AtomicInteger();

    /** Cached only when a portable extension adds {@code @CacheResult} to it. */
    public String summary(String isbn) {
      return "summary of " + isbn + "#" + invocations.incrementAndGet();
    }
  }

  /** Adds {@code @CacheResult} to a method, as a portable extension may. */
  public static class AddsCacheResult implements Extension {
    void addToSummary(@Observes ProcessAnnotatedType<Summaries> event) {
      event
          .configureAnnotatedType()
          .filterMethods(m -> m.getJavaMember().getName().equals("summary"))
          .forEach(m -> m.add(new CacheResultLiteral("summaries")));
    }
  }

  @Test
  void annotationsAddedByAnotherExtensionAreHonoured() {
    try (WeldContainer container =
        start(new Weld().disableDiscovery().addExtension(new AddsCacheResult()), Summaries.class)) {
      Summaries catalog = container.select(Summaries.class).get();

      String summary = catalog.summary("isbn-1");
      assertThat(catalog.summary("isbn-1")).isEqualTo(summary);
      assertThat(contents("summaries")).containsExactly(entry(key("isbn-1"), summary));
    }
  }

  // ---- components

  /** Produces the cache manager the annotations must use instead of the default one. */
  public static class CacheManagerProducer {
    static final URI URI = java.net.URI.create("slabcache-cdi-test-produced");

    @Produces
    @Singleton
    CacheManager cacheManager() {
      return Caching.getCachingProvider().getCacheManager(URI, getClass().getClassLoader());
    }
  }

  @Test
  void aCacheManagerBeanReplacesTheDefaultCacheManager() {
    try (WeldContainer container = start(PlainCatalog.class, CacheManagerProducer.class)) {
      String title = container.select(PlainCatalog.class).get().title("isbn-1");

      CacheManager produced = container.select(CacheManager.class).get();
      Cache<Object, Object> catalog = produced.getCache("catalog");
      assertThat(catalog.get(key("isbn-1"))).isEqualTo(title);
      assertThat(contents("catalog")).isEmpty();
      produced.destroyCache("catalog");
    }
  }

  /** Records what key generators are shown of each call. */
  public static class RecordingKeyGenerator implements CacheKeyGenerator {
    static final List<CacheKeyInvocationContext<? extends Annotation>> SEEN = new ArrayList<>();

    @Override
    public GeneratedCacheKey generateCacheKey(
        CacheKeyInvocationContext<? extends Annotation> context) {
      SEEN.add(context);
      return new CacheKeyGenerator() {
        @Override
        public GeneratedCacheKey generateCacheKey(
            CacheKeyInvocationContext<? extends Annotation> c) {
          return DefaultGeneratedCacheKey.of(
              java.util.Arrays.stream(c.getKeyParameters())
                  .map(CacheInvocationParameter::getValue)
                  .toArray());
        }
      }.generateCacheKey(context);
    }
  }

  public static class Recorded {
    @CachePut(cacheName = "recorded", cacheKeyGenerator = RecordingKeyGenerator.class)
    public void store(@CacheKey String id, int ignored, @CacheValue String value) {}
  }

  @Test
  void keyGeneratorsSeeTheWholeCall() {
    RecordingKeyGenerator.SEEN.clear();
    try (WeldContainer container = start(Recorded.class)) {
      container.select(Recorded.class).get().store("a", 7, "value");
    }

    assertThat(RecordingKeyGenerator.SEEN).hasSize(1);
    CacheKeyInvocationContext<? extends Annotation> context = RecordingKeyGenerator.SEEN.get(0);
    assertThat(context.getMethod().getName()).isEqualTo("store");
    assertThat(context.getCacheName()).isEqualTo("recorded");
    assertThat(context.getCacheAnnotation()).isInstanceOf(CachePut.class);
    assertThat(context.getAnnotations()).contains(context.getCacheAnnotation());
    assertThat(context.getTarget()).isInstanceOf(Recorded.class);

    CacheInvocationParameter[] all = context.getAllParameters();
    assertThat(all).extracting(CacheInvocationParameter::getValue).containsExactly("a", 7, "value");
    assertThat(all)
        .extracting(CacheInvocationParameter::getRawType)
        .containsExactly(String.class, int.class, String.class);
    assertThat(all)
        .extracting(CacheInvocationParameter::getParameterPosition)
        .containsExactly(0, 1, 2);
    assertThat(all[0].getAnnotations())
        .extracting(Annotation::annotationType)
        .containsExactly(CacheKey.class);
    assertThat(context.getKeyParameters())
        .extracting(CacheInvocationParameter::getValue)
        .containsExactly("a");
    assertThat(context.getValueParameter().getValue()).isEqualTo("value");
    assertThat(context.getValueParameter().getParameterPosition()).isEqualTo(2);

    assertThat(context.unwrap(InvocationContext.class).getMethod()).isEqualTo(context.getMethod());
    assertThatThrownBy(() -> context.unwrap(String.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Counts how often resolvers are asked for, to show they are asked once per method. */
  public static class CountingResolverFactory implements CacheResolverFactory {
    static final AtomicInteger RESOLVERS = new AtomicInteger();
    static final AtomicInteger EXCEPTION_RESOLVERS = new AtomicInteger();

    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
      RESOLVERS.incrementAndGet();
      return resolver(details.getCacheName());
    }

    @Override
    public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
      EXCEPTION_RESOLVERS.incrementAndGet();
      return resolver(details.getCacheAnnotation().exceptionCacheName());
    }

    private static CacheResolver resolver(String name) {
      return new CacheResolver() {
        @Override
        @SuppressWarnings("unchecked")
        public <K, V> Cache<K, V> resolveCache(
            javax.cache.annotation.CacheInvocationContext<? extends Annotation> context) {
          Cache<K, V> cache = CacheAnnotationsContract.cacheManager().getCache(name);
          return cache != null
              ? cache
              : (Cache<K, V>)
                  CacheAnnotationsContract.cacheManager()
                      .createCache(name, new MutableConfiguration<>());
        }
      };
    }
  }

  public static class Counted {
    @CacheResult(
        cacheName = "counted",
        exceptionCacheName = "counted-errors",
        cacheResolverFactory = CountingResolverFactory.class)
    public String get(String id) {
      return id;
    }
  }

  @Test
  void methodMetadataIsResolvedOnceNotOnEveryCall() {
    CountingResolverFactory.RESOLVERS.set(0);
    CountingResolverFactory.EXCEPTION_RESOLVERS.set(0);
    try (WeldContainer container = start(Counted.class)) {
      Counted counted = container.select(Counted.class).get();
      for (int i = 0; i < 5; i++) {
        counted.get("id" + i);
      }
      assertThat(contents("counted")).hasSize(5);
    }
    assertThat(CountingResolverFactory.RESOLVERS).hasValue(1);
    assertThat(CountingResolverFactory.EXCEPTION_RESOLVERS).hasValue(1);
  }

  @Test
  void aClosedDefaultCacheManagerIsReplacedByANewOne() {
    try (WeldContainer container = start(PlainCatalog.class)) {
      PlainCatalog catalog = container.select(PlainCatalog.class).get();
      catalog.title("isbn-1");
      Caching.getCachingProvider().getCacheManager().close();

      String title = catalog.title("isbn-2");
      assertThat(contents("catalog")).containsExactly(entry(key("isbn-2"), title));
    }
  }
}
