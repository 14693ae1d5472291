/**
 * The memcached server on Netty: bootstrap, per-connection pipeline with protocol detection,
 * connection limits, idle timeout, output bounds, and the counters memcached's {@code stats} shows.
 */
package io.slabcache.server.net;
