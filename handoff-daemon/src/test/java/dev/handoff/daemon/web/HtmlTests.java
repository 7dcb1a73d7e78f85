package dev.handoff.daemon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTests {

    @Test
    void valuesAreEscaped() {
        Html html = Html.of("<p title=\"{}\">{}</p>", "a\"b'c", "<script>alert(1)</script> & more");

        assertThat(html.markup()).isEqualTo("<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>");
    }

    @Test
    void htmlValuesAreInsertedAsMarkup() {
        Html html = Html.of("<div>{}</div>", Html.of("<b>{}</b>", "x<y"));

        assertThat(html.markup()).isEqualTo("<div><b>x&lt;y</b></div>");
    }

    @Test
    void placeholdersAndValuesMustMatch() {
        assertThatThrownBy(() -> Html.of("<p>{}</p>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.of("<p></p>", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
