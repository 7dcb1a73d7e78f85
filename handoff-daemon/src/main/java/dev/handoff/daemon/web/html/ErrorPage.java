package dev.handoff.daemon.web.html;

import dev.handoff.daemon.web.Paths;
import java.util.List;

/** A refusal as a browser sees it: the status, and the problem's detail in the user's words. */
final class ErrorPage {

    private ErrorPage() {}

    static Html render(int status, String title, String detail) {
        return Layout.page(status + " " + title, List.of(Layout.link(Paths.SUITES, "Suites")), Html.of("""
                <h1>{} {}</h1>
                <p class="message">{}</p>
                """, status, title, detail), false);
    }
}
