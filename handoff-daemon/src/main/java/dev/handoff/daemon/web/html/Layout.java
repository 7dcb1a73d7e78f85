package dev.handoff.daemon.web.html;

import dev.handoff.daemon.web.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame every page shares: head, an inline style sheet (no CDN: the daemon may run where
 * there is no internet), a header linking the suites, the page's breadcrumbs. Pages work without
 * JavaScript: links, forms that post, and a refresh meta while a run is in progress.
 */
final class Layout {

    /** What a page in progress carries, so that it updates without JavaScript. */
    static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"2\">";

    private static final Html STYLE = Html.of("""
            <style>
              body { font-family: system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; line-height: 1.4; }
              header { background: #24292f; padding: .6rem 1.5rem; }
              header a { color: #fff; font-weight: 600; text-decoration: none; }
              main { padding: 1rem 1.5rem; max-width: 80rem; }
              nav.crumbs { font-size: .9rem; margin-bottom: .4rem; }
              h1 { font-size: 1.4rem; margin: .2rem 0 .6rem; overflow-wrap: anywhere; }
              h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
              h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
              table { border-collapse: collapse; width: 100%; background: #fff; margin: .3rem 0; }
              th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; overflow-wrap: anywhere; }
              table.facts th { width: 12rem; font-weight: 600; }
              .muted { color: #656d76; font-size: .85rem; }
              .result { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .85rem;
                        font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
              .passed { color: #1a7f37; } .failed { color: #cf222e; } .flaky, .retrying { color: #9a6700; }
              .soft-failed { color: #8250df; } .running { color: #0969da; }
              .pending, .skipped, .cancelled { color: #656d76; }
              .label { display: inline-block; background: #ddf4ff; border-radius: 1rem; padding: 0 .5rem; margin: 0 .2rem .2rem 0; font-size: .8rem; }
              .description, .message { white-space: pre-wrap; overflow-wrap: anywhere; }
              .message { color: #cf222e; margin: .3rem 0; }
              .attempt { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; margin: .8rem 0; padding: .2rem .9rem .6rem; }
              pre { font-family: ui-monospace, monospace; font-size: .8rem; background: #eaeef2; padding: .5rem;
                    overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; margin: .3rem 0; }
              form { margin: 0; }
              form.inline { display: inline-block; margin-right: .5rem; }
              form.trigger { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; background: #fff;
                             border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .8rem; }
              form.trigger label { display: flex; flex-direction: column; font-size: .85rem; }
              input { padding: .25rem .4rem; min-width: 14rem; }
              button { padding: .25rem .9rem; cursor: pointer; }
              .actions { margin: .6rem 0; }
            </style>
            """);

    private Layout() {}

    /**
     * A whole page.
     *
     * @param crumbs links to the pages above this one, nearest last; empty on the suites page
     * @param refresh whether the page reloads itself every 2 seconds, for a run in progress
     *     (until the UI gets live updates)
     */
    static Html page(String title, List<Html> crumbs, Html body, boolean refresh) {
        return Html.of("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                {}<title>{} · Handoff</title>
                {}</head>
                <body>
                <header><a href="{}">Handoff</a></header>
                <main>
                {}{}</main>
                </body>
                </html>
                """, refresh ? Html.of(REFRESH + "\n") : Html.EMPTY, title, STYLE, Paths.SUITES,
                crumbs.isEmpty() ? Html.EMPTY : Html.of("<nav class=\"crumbs\">{}</nav>\n", separated(crumbs, " / ")),
                body);
    }

    /** A result as text and as a colour class, so that it reads without colour too. */
    static Html result(String label) {
        return Html.of("<span class=\"result {}\">{}</span>", label, label);
    }

    static Html link(String href, Object text) {
        return Html.of("<a href=\"{}\">{}</a>", href, text);
    }

    /** An instant as the page shows it, machine-readable too. */
    static Html time(Instant instant) {
        String text = Format.instant(instant);
        return Html.of("<time datetime=\"{}\">{}</time>", text, text);
    }

    /** A button posting an empty form to {@code action}: what retry, cancel and Run do. */
    static Html button(String action, String label) {
        return Html.of("<form class=\"inline\" method=\"post\" action=\"{}\"><button type=\"submit\">{}</button></form>", action, label);
    }

    static Html muted(String text) {
        return Html.of("<span class=\"muted\">{}</span>", text);
    }

    static Html separated(List<Html> parts, String separator) {
        Html between = Html.of("{}", separator);
        List<Html> joined = new ArrayList<>();
        for (Html part : parts) {
            if (!joined.isEmpty()) {
                joined.add(between);
            }
            joined.add(part);
        }
        return Html.join(joined);
    }
}
