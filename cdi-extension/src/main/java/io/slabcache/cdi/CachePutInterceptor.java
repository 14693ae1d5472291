package io.slabcache.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import java.io.Serial;
import javax.cache.annotation.CachePut;

/**
 * Applies {@code @CachePut}; a binding for it is registered by {@link CacheAnnotationsExtension}.
 */
@CachePut
@Interceptor
@Priority(CacheInterceptor.PRIORITY)
class CachePutInterceptor extends CacheInterceptor {
  @Serial private static final long serialVersionUID = 1L;

  CachePutInterceptor() {
    super(CachePut.class);
  }
}
