/**
 * The daemon's REST API on Helidon SE: {@link dev.handoff.daemon.web.DaemonServer} starts it over
 * an {@link dev.handoff.daemon.web.ApiContext}. Each resource is an {@code HttpService} whose
 * routes come from one table ({@code Route}) that {@code openapi.yaml} is tested against; errors
 * are RFC 9457 problems, written by error handlers and direct handlers rather than by handlers.
 */
package dev.handoff.daemon.web;
