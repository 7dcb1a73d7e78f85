package dev.handoff.daemon.web.html;

import dev.handoff.daemon.run.Failure;

/** A failure's message and, when it has one, its stack trace. */
final class FailureHtml {

    private FailureHtml() {}

    static Html of(Failure failure) {
        return Html.of("""
                <p class="message">{}</p>
                {}""", failure.message(), failure.stackTrace().isEmpty() ? Html.EMPTY : Html.of("""
                <details><summary>Stack trace</summary><pre>{}</pre></details>
                """, failure.stackTrace()));
    }
}
