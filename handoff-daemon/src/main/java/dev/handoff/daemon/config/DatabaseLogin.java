package dev.handoff.daemon.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A database given by JDBC URL instead of the H2 file in the data dir (PostgreSQL for several
 * replicas). Its {@code toString} leaves the password out, so settings can be logged.
 *
 * <p>A login written into the URL ({@code jdbc:postgresql://user:secret@host/db}) is taken out of
 * it here, into {@code user} and {@code password} unless those are given: the URL then goes to
 * the pool, the driver and their log lines and error messages without the password.
 */
@API(status = API.Status.EXPERIMENTAL)
public record DatabaseLogin(String url, String user, String password) {

    private static final Pattern USER_INFO =
            Pattern.compile("^(jdbc:[A-Za-z0-9]+://)([^/@?#;]*)@(.*)$", Pattern.DOTALL);

    public DatabaseLogin {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Matcher login = USER_INFO.matcher(url);
        if (login.matches()) {
            String userInfo = login.group(2);
            int colon = userInfo.indexOf(':');
            String named = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String secret = colon < 0 ? "" : userInfo.substring(colon + 1);
            url = login.group(1) + login.group(3);
            user = user.isEmpty() ? URLDecoder.decode(named, StandardCharsets.UTF_8) : user;
            password = password.isEmpty() ? URLDecoder.decode(secret, StandardCharsets.UTF_8) : password;
        }
    }

    @Override
    public String toString() {
        return "DatabaseLogin[url=" + url + ", user=" + user + ", password=(hidden)]";
    }
}
