/**
 * The daemon's pages: the REST API's resources as HTML for browsers that ask for it ({@code
 * Accept} preferring {@code text/html}). Server-rendered from JTE templates ({@code src/main/jte},
 * compiled at build time) over the page models here; readable without JavaScript, with a small
 * script ({@code /assets/handoff.js}) for live runs and log search. Templates escape every value
 * ({@code ContentType.Html}); Markdown descriptions go through {@link
 * dev.handoff.daemon.web.html.Markdown}, which escapes raw HTML. Links percent-encode their path
 * segments ({@link dev.handoff.daemon.web.Paths}).
 */
package dev.handoff.daemon.web.html;
