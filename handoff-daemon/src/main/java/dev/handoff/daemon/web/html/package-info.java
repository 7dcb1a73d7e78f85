/**
 * The daemon's pages: the REST API's resources as HTML for browsers that ask for it ({@code
 * Accept} preferring {@code text/html}). Plain server-rendered HTML, readable without JavaScript;
 * every value is escaped by {@link dev.handoff.daemon.web.html.Html}, the only way pages make
 * markup, and every link percent-encodes its path segments.
 */
package dev.handoff.daemon.web.html;
