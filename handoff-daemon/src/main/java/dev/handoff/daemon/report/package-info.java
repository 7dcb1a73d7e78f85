/**
 * Reports of stored runs in formats other tools read: {@link dev.handoff.daemon.report.JunitXmlReport}
 * renders a run as the JUnit XML CI servers understand, by replaying it through JUnit's own reporting
 * module.
 */
package dev.handoff.daemon.report;
