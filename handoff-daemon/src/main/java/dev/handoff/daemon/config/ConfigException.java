package dev.handoff.daemon.config;

import org.apiguardian.api.API;

/**
 * A setting that cannot be used, in one line that names it in the words of the door it came
 * through ({@code --port 'abc' is not a number from 0 to 65535}, {@code HANDOFF_PORT 'abc' ...},
 * {@code port(70000) ...}), and never quotes a secret.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ConfigException extends IllegalArgumentException {

    public ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
