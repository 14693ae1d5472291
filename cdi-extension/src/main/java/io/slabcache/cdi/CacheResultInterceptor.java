package io.slabcache.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import java.io.Serial;
import javax.cache.annotation.CacheResult;

/**
 * Applies {@code @CacheResult}; a binding for it is registered by {@link
 * CacheAnnotationsExtension}.
 */
@CacheResult
@Interceptor
@Priority(CacheInterceptor.PRIORITY)
class CacheResultInterceptor extends CacheInterceptor {
  @Serial private static final long serialVersionUID = 1L;

  CacheResultInterceptor() {
    super(CacheResult.class);
  }
}
