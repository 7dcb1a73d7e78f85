package dev.handoff.daemon.web.html;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Markup safe to send. Outside this package an {@code Html} can only be read, never made; inside
 * it, the only ways to make one are constant templates and escaped values: {@link #of} escapes
 * every value that is not itself {@code Html}. Text from tests and requests (suite and test names,
 * logs, failure messages, refs) therefore cannot turn into markup, whichever page it reaches.
 */
public final class Html {

    static final Html EMPTY = new Html("");

    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /** The markup, ready to send as {@code text/html; charset=UTF-8}. */
    public String markup() {
        return markup;
    }

    @Override
    public String toString() {
        return markup;
    }

    /**
     * Fills the template's {@code {}} placeholders, in order, with the values: {@code Html} as it
     * is, anything else as escaped text ({@code String.valueOf}). The template must be a constant.
     *
     * @throws IllegalArgumentException when the numbers of placeholders and values differ, or a
     *     value is an {@link Optional} (unwrap it first: its {@code toString} is no text to show)
     * @throws NullPointerException when a value is null
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

    /** The text as HTML character data or as an attribute value in either kind of quotes. */
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
        Objects.requireNonNull(value, "a value of a template");
        if (value instanceof Optional<?>) {
            throw new IllegalArgumentException("a template's value is an Optional; unwrap it first");
        }
        return value instanceof Html html ? html.markup : escape(String.valueOf(value));
    }
}
