package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a hook is configured with: the daemon's settings for it ({@code --hook-setting
 * NAME.KEY=VALUE}, or {@code hookSetting(NAME, KEY, VALUE)} in library mode), and the address
 * where people reach the daemon's pages.
 *
 * @param settings this hook's settings, by key
 * @param publicUrl the daemon's public address ({@code --public-url}), ending in {@code /}; run
 *     pages are below it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HookConfig(Map<String, String> settings, URI publicUrl) {

    public HookConfig {
        settings = Map.copyOf(settings);
        Objects.requireNonNull(publicUrl, "publicUrl");
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }
}
