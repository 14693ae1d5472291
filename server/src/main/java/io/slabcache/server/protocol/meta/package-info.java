/**
 * memcached's meta commands ({@code mg ms md ma mn me}): their flags, parsed once into {@link
 * io.slabcache.server.protocol.meta.MetaFlags}, and their execution on the engine.
 */
package io.slabcache.server.protocol.meta;
