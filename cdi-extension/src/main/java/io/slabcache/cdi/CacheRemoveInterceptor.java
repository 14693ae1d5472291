package io.slabcache.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import java.io.Serial;
import javax.cache.annotation.CacheRemove;

/**
 * Applies {@code @CacheRemove}; a binding for it is registered by {@link
 * CacheAnnotationsExtension}.
 */
@CacheRemove
@Interceptor
@Priority(CacheInterceptor.PRIORITY)
class CacheRemoveInterceptor extends CacheInterceptor {
  @Serial private static final long serialVersionUID = 1L;

  CacheRemoveInterceptor() {
    super(CacheRemove.class);
  }
}
