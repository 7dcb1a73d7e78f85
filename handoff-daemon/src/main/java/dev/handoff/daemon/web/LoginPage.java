package dev.handoff.daemon.web;

/**
 * The login form: one page of its own, apart from the UI's templates, with its own style sheet
 * ({@code /assets/login.css}: the CSP allows no inline style) and no script. Everything it shows of the request is escaped.
 */
final class LoginPage {

    private LoginPage() {}

    /**
     * @param next where the form sends the browser once the token is accepted (a local path)
     * @param error why the last token was refused; null on the first visit
     * @param open whether this daemon needs no token at all
     */
    static String render(String next, String error, boolean open) {
        String notice = open
                ? "<p class=\"note\">This daemon needs no token: access is open. <a href=\"" + escape(next)
                        + "\">Continue</a></p>\n"
                : "";
        String message = error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>\n";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Log in · Handoff</title>
                <link rel="stylesheet" href="/assets/login.css">
                </head>
                <body>
                <header>Handoff</header>
                <main>
                <h1>Log in</h1>
                %s%s<form method="post" action="/login">
                <input type="hidden" name="next" value="%s">
                <label>API token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
                <button type="submit">Log in</button>
                </form>
                <p>This browser stays logged in for 12 hours after its last visit, or until it logs out.</p>
                </main>
                </body>
                </html>
                """.formatted(notice, message, escape(next));
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
