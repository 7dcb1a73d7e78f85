package dev.handoff.daemon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The kinds of addresses: http(s) URLs, JDBC URLs and host names. */
final class AddressKinds {

    private AddressKinds() {}

    static Kind<URI> httpUrl(boolean quotable) {
        return new Kind<>() {
            @Override
            public URI parse(String text) {
                try {
                    return check(new URI(text.trim()));
                } catch (URISyntaxException e) {
                    throw new SettingProblem("is not an absolute http(s) URL");
                }
            }

            @Override
            public URI check(URI uri) {
                String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
                throw new SettingProblem("is not an absolute http(s) URL");
            }

            @Override
            public boolean quotable() {
                return quotable;
            }
        };
    }

    /** A JDBC URL of PostgreSQL or H2; not quoted: a URL of another form may carry a password. */
    static Kind<String> jdbcUrl() {
        return new Kind<>() {
            @Override
            public String parse(String text) {
                return check(text);
            }

            @Override
            public String check(String url) {
                if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                    throw new SettingProblem("must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE)"
                            + " or of H2 (jdbc:h2:...)");
                }
                return url;
            }

            @Override
            public boolean quotable() {
                return false;
            }
        };
    }

    /**
     * Host names or addresses separated by commas ({@code handoff.example.com,10.0.0.7,[::1]}), each
     * once, blanks ignored; {@code *} stands for any host. A name with a port, a path or a login in
     * it would never match a {@code Host} header, so it is refused.
     */
    static Kind<List<String>> hostNames() {
        return new Kind<>() {
            private static final Pattern HOST = Pattern.compile("\\*|\\[[0-9A-Fa-f:.%a-zA-Z]+\\]|[A-Za-z0-9._%:-]+");

            @Override
            public List<String> parse(String text) {
                return check(Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .distinct()
                        .toList());
            }

            @Override
            public List<String> check(List<String> names) {
                for (String name : names) {
                    if (name == null || !HOST.matcher(name.strip()).matches()) {
                        throw new SettingProblem("has '" + name + "', which is not a host name, an address or *");
                    }
                    if (name.strip().matches("[^:\\[\\]]+:[0-9]*")) {
                        throw new SettingProblem("has '" + name + "': give the host without its port");
                    }
                }
                return List.copyOf(names);
            }

            @Override
            public String show(List<String> names) {
                return String.join(",", names);
            }
        };
    }
}
