/**
 * memcached's binary protocol: a header-driven decoder that validates each request as memcached
 * does, and the handler that runs requests (quiet variants and SASL PLAIN included).
 */
package io.slabcache.server.protocol.binary;
