package dev.handoff.daemon.config;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A database given by JDBC URL instead of the H2 file in the data dir (PostgreSQL for several
 * replicas). Its {@code toString} leaves the password out, so settings can be logged.
 */
@API(status = API.Status.EXPERIMENTAL)
public record DatabaseLogin(String url, String user, String password) {

    public DatabaseLogin {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "DatabaseLogin[url=" + url + ", user=" + user + ", password=(hidden)]";
    }
}
