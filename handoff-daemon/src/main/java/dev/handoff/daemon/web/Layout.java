package dev.handoff.daemon.web;

/** The frame every page shares: head, inline style sheet (no CDN: the daemon may run offline), header. */
final class Layout {

    private static final Html STYLE = new Html("""
            <style>
              body { font-family: system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
              header { background: #24292f; padding: .6rem 1.5rem; }
              header a { color: #fff; font-weight: 600; text-decoration: none; }
              main { padding: 1rem 1.5rem; max-width: 72rem; }
              h1 { font-size: 1.4rem; }
              h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
              table { border-collapse: collapse; width: 100%; background: #fff; }
              th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
              .muted { color: #656d76; font-size: .85rem; }
              .status { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .85rem;
                        font-weight: 600; border: 1px solid currentColor; }
              .passed { color: #1a7f37; } .failed { color: #cf222e; } .flaky, .retrying { color: #9a6700; }
              .soft-failed { color: #8250df; } .running { color: #0969da; } .pending, .skipped { color: #656d76; }
              .test { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; margin: .6rem 0; padding: .4rem .8rem; }
              .attempt { border-top: 1px solid #eaeef2; padding: .4rem 0; }
              .message { color: #cf222e; margin: .3rem 0; white-space: pre-wrap; }
              pre { font-family: ui-monospace, monospace; font-size: .8rem; background: #f6f8fa; padding: .5rem;
                    overflow-x: auto; white-space: pre-wrap; margin: .3rem 0; }
              button { padding: .25rem .9rem; cursor: pointer; }
            </style>
            """);

    private Layout() {}

    /**
     * @param refresh whether the page reloads itself every 2 seconds, for a run still in progress
     *     (until the UI gets server-sent events)
     */
    static Html page(String title, Html body, boolean refresh) {
        return Html.of("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                {}<title>{} · Handoff</title>
                {}</head>
                <body>
                <header><a href="/suites">Handoff</a></header>
                <main>
                {}</main>
                </body>
                </html>
                """, refresh ? new Html("<meta http-equiv=\"refresh\" content=\"2\">\n") : Html.EMPTY, title, STYLE, body);
    }

    /** A result as text and colour, so that it reads without colour too. */
    static Html status(String label) {
        return Html.of("<span class=\"status {}\">{}</span>", label, label);
    }
}
