/**
 * memcached's text protocol: a decoder that turns lines and data blocks into one message per
 * command, and the handler that runs them and writes memcached's replies.
 */
package io.slabcache.server.protocol.text;
