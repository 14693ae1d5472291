package io.slabcache.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import java.io.Serial;
import javax.cache.annotation.CacheRemoveAll;

/**
 * Applies {@code @CacheRemoveAll}; a binding for it is registered by {@link
 * CacheAnnotationsExtension}.
 */
@CacheRemoveAll
@Interceptor
@Priority(CacheInterceptor.PRIORITY)
class CacheRemoveAllInterceptor extends CacheInterceptor {
  @Serial private static final long serialVersionUID = 1L;

  CacheRemoveAllInterceptor() {
    super(CacheRemoveAll.class);
  }
}
