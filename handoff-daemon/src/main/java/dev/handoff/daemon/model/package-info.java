/**
 * The daemon's words: suites, suite runs, attempts, their results and counts, schedules, and the
 * domain exceptions that say why a request cannot be served. Every other daemon package may use
 * these types; this package uses none of them (a test in the build checks it), so the words stay
 * one vocabulary rather than each package's private version of it.
 */
package dev.handoff.daemon.model;
