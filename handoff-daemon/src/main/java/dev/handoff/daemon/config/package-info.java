/**
 * A daemon's configuration: every setting declared once in {@link dev.handoff.daemon.config.Settings}
 * (its key, default, help and check), the doors derived from it (serve's flags, {@code HANDOFF_*}
 * variables and the config file through {@link dev.handoff.daemon.config.TextSources}; the library
 * builder through {@link dev.handoff.daemon.config.Values#set}), and the record tree {@link
 * dev.handoff.daemon.config.DaemonConfig} the daemon is built from. It uses no other daemon package.
 */
package dev.handoff.daemon.config;
