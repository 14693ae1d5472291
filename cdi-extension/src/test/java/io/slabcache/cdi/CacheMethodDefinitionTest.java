package io.slabcache.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Map;
import javax.cache.CacheException;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.Test;

/** Reading the annotations of a method, without any container. */
class CacheMethodDefinitionTest {

  static class Names {
    @CacheResult
    public String lookup(int id, String[] tags, Map.Entry<String, String> entry) {
      return null;
    }
  }

  @CacheResult(cacheName = "class-level")
  @CacheDefaults(cacheName = "defaults")
  static class Layered {
    public String inherited(String id) {
      return id;
    }

    @CacheRemove
    public void own(String id) {}

    @CachePut
    public void put(@CacheKey String id, @CacheKey @CacheValue String value, String other) {}

    @CachePut
    public void putAll(String id, @CacheValue String value, int version) {}
  }

  static class Sub extends Layered {
    public String more(String id) {
      return id;
    }
  }

  static class Plain {
    public String nothing(String id) {
      return id;
    }
  }

  private static CacheMethodDefinition read(Class<?> type, String name) {
    Method method =
        java.util.Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return CacheMethodDefinition.read(method, new ReflectionAnnotationSource(type, method));
  }

  @Test
  void theGeneratedNameUsesTheBinaryNamesOfTheParameterTypes() {
    assertThat(read(Names.class, "lookup").details().getCacheName())
        .isEqualTo(
            "io.slabcache.cdi.CacheMethodDefinitionTest$Names.lookup("
                + "int,[Ljava.lang.String;,java.util.Map$Entry)");
  }

  @Test
  void theMethodsOwnAnnotationWinsOverTheClasses() {
    CacheMethodDefinition inherited = read(Layered.class, "inherited");
    assertThat(inherited.details().getCacheAnnotation()).isInstanceOf(CacheResult.class);
    assertThat(inherited.details().getCacheName()).isEqualTo("class-level");

    CacheMethodDefinition own = read(Layered.class, "own");
    assertThat(own.details().getCacheAnnotation()).isInstanceOf(CacheRemove.class);
    assertThat(own.details().getCacheName()).isEqualTo("defaults");
  }

  @Test
  void classAnnotationsOfSuperclassesApply() {
    CacheMethodDefinition more = read(Sub.class, "more");
    assertThat(more.details().getCacheAnnotation()).isInstanceOf(CacheResult.class);
    assertThat(more.defaults().cacheName()).isEqualTo("defaults");
  }

  @Test
  void methodsWithoutCacheAnnotationsHaveNoDefinition() {
    assertThat(read(Plain.class, "nothing")).isNull();
  }

  @Test
  void theValueParameterIsNeverPartOfTheKey() {
    ParameterLayout put = read(Layered.class, "put").parameters();
    assertThat(put.keyPositions()).containsExactly(0);
    assertThat(put.valuePosition()).isEqualTo(1);

    ParameterLayout putAll = read(Layered.class, "putAll").parameters();
    assertThat(putAll.keyPositions()).containsExactly(0, 2);
    assertThat(putAll.valuePosition()).isEqualTo(1);
  }

  static class Misused {
    @CacheResult
    @CachePut
    public void both(@CacheValue String value) {}
  }

  @Test
  void misuseIsReportedWithTheMethod() {
    assertThatThrownBy(() -> read(Misused.class, "both"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("Misused.both")
        .hasMessageContaining("found @CacheResult, @CachePut");
  }
}
