package io.slabcache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/** A class-level {@code @CacheResult}, overridden on one method. */
@ApplicationScoped
@CacheResult(cacheName = Greeter.CACHE)
public class Greeter {
  static final String CACHE = "greetings";
  private final AtomicInteger invocations = new AtomicInteger();

  public String hello(String name) {
    return "hello " + name + "#" + invocations.incrementAndGet();
  }

  public String bye(String name) {
    return "bye " + name + "#" + invocations.incrementAndGet();
  }

  @CacheRemoveAll(cacheName = CACHE)
  public void forgetAll() {}
}
