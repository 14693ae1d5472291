/**
 * What the three wire protocols share: the context a command runs in, the reply buffer, and the
 * tokenizer and number rules of memcached's text lines.
 */
package io.slabcache.server.protocol;
