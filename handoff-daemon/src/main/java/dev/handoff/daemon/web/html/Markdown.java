package dev.handoff.daemon.web.html;

import gg.jte.Content;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Suite descriptions, written in Markdown by test authors, as HTML. Raw HTML in the text is
 * escaped ({@code <script>} shows as text) and links with unsafe schemes ({@code javascript:}) are
 * dropped, so that a description cannot put script on a page. The result is a {@link Content},
 * which templates write as markup: this class is the one place that may produce such markup.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {}

    public static Content render(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown));
        return output -> output.writeContent(html);
    }
}
