/** The {@code slabcache-server} command: memcached's flags, then the server until it is stopped. */
package io.slabcache.server.cli;
