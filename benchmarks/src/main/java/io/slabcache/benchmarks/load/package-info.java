/**
 * A memcached load generator on Netty: many connections, a get/set mix, optional pipelining, and
 * throughput with latency percentiles, for comparing servers in the same run.
 */
package io.slabcache.benchmarks.load;
