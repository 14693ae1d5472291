/**
 * A memcached client for a pool of servers, speaking the meta protocol.
 *
 * <p>Layers, each wrapping the one below: {@code Connection} (one pipelined Netty channel, replies
 * matched to requests by order and opaque, one flush per event-loop turn, a cap on requests in
 * flight, a timeout on each), {@code Node} (one server: reconnection with backoff, ejection after
 * timeouts in a row, return after it answers again), and {@link
 * io.slabcache.client.MemcachedClient} (the ketama ring over the nodes, compatible with
 * spymemcached and libmemcached). Key enumeration and {@code stats} use short-lived text-protocol
 * connections of their own.
 */
package io.slabcache.client;
