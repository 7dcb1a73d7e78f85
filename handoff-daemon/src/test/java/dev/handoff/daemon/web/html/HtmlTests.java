package dev.handoff.daemon.web.html;

import dev.handoff.daemon.web.Paths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.run.RunId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Html}, the only way pages make markup. */
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

    @Test
    void optionalAndNullValuesAreRefused() {
        assertThatThrownBy(() -> Html.of("<p>{}</p>", Optional.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.of("<p>{}</p>", (Object) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void linksPercentEncodeEveryPathSegment() {
        assertThat(Paths.test(new RunId("Markup \"'<>& suite", 3), "Nested/a b"))
                .isEqualTo("/suites/Markup%20%22%27%3C%3E%26%20suite/runs/3/tests/Nested/a%20b");
    }
}
