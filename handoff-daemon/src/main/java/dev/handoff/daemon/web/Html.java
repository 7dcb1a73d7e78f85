package dev.handoff.daemon.web;

import java.util.List;
import java.util.Objects;

/**
 * Markup safe to send. The only ways to make it are constant templates and escaped values: {@link
 * #of} escapes every value that is not itself {@code Html}, so text from tests (names, logs,
 * messages) can never turn into markup, whichever page it reaches.
 */
record Html(String markup) {

    static final Html EMPTY = new Html("");

    Html {
        Objects.requireNonNull(markup, "markup");
    }

    /**
     * Fills the template's {@code {}} placeholders, in order, with the values: {@code Html} as it is,
     * anything else as escaped text ({@code String.valueOf}).
     *
     * @throws IllegalArgumentException when the numbers of placeholders and values differ
     */
    static Html of(String template, Object... values) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int from = 0;
        int used = 0;
        for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
            if (used == values.length) {
                throw new IllegalArgumentException("template has more placeholders than the " + values.length + " values: " + template);
            }
            out.append(template, from, at).append(markupOf(values[used++]));
            from = at + 2;
        }
        if (used != values.length) {
            throw new IllegalArgumentException("template has " + used + " placeholders for " + values.length + " values: " + template);
        }
        return new Html(out.append(template, from, template.length()).toString());
    }

    static Html join(List<Html> parts) {
        StringBuilder out = new StringBuilder();
        parts.forEach(part -> out.append(part.markup));
        return new Html(out.toString());
    }

    /** The text as HTML character data or attribute value (quoted with either quote). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String markupOf(Object value) {
        return value instanceof Html html ? html.markup : escape(String.valueOf(value));
    }
}
