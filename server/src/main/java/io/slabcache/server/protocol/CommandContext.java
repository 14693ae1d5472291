package io.slabcache.server.protocol;

import io.netty.channel.Channel;
import io.slabcache.server.engine.SlabEngine;
import java.util.Map;

/**
 * What a connection's protocol handler needs from the server around it: the engine, the counters
 * the server owns, and the few switches memcached lets a client flip.
 */
public interface CommandContext {

  SlabEngine engine();

  /** The version string clients see in {@code version} and {@code stats}. */
  String version();

  /** {@code stats}: the server's counters merged with the engine's, in memcached's order. */
  Map<String, String> generalStats();

  /** {@code stats settings}: the server's settings merged with the engine's. */
  Map<String, String> settingsStats();

  /** {@code stats conns}: one group of lines per open connection. */
  Map<String, String> connectionStats();

  /** {@code stats reset}: zeroes the server's and the engine's counters. */
  void resetStats();

  /** Current verbosity ({@code -v} count, or as set by {@code verbosity}). */
  int verbosity();

  void verbosity(int level);

  /** Whether clients must authenticate before any command. */
  boolean authenticationRequired();

  /** Checks a user name and password; false when unknown or wrong. */
  boolean authenticate(String user, String password);

  /** Whether the {@code shutdown} command is allowed ({@code -A}). */
  boolean shutdownEnabled();

  /** Asks the server to shut down, after the current replies are written. */
  void requestShutdown();

  /**
   * The server's number for this connection, which memcached's log lines call {@code cfd}; 0 for a
   * channel the server does not count as a connection.
   */
  int connectionId(Channel channel);

  /** The connections watching the server ({@code watch}). */
  Watchers watchers();

  /** The per-prefix counts of {@code stats detail}. */
  PrefixStats prefixStats();

  /** Counts an authentication attempt for {@code auth_cmds}/{@code auth_errors}. */
  void countAuthentication(boolean success);

  /** Counts a meta debug command ({@code me}) for {@code cmd_meta}, as memcached does. */
  void countMetaCommand();
}
