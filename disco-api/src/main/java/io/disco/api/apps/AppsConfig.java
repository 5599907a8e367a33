package io.disco.api.apps;

import io.disco.common.admin.AdminToken;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the discovery API serves anyone's groups or only registered applications' groups to
 * their keys, and how registered applications are administered.
 *
 * @param mode       {@code --apps}
 * @param adminToken the token of the admin API ({@code --admin-token-file}); without it the admin
 *                   API is not served
 * @param keyGrace   how long a key replaced by a new one keeps working ({@code --key-grace})
 */
public record AppsConfig(Mode mode, Optional<AdminToken> adminToken, Duration keyGrace) {

    public static final String DEFAULT_KEY_GRACE = "24h0m0s";

    /** {@code open}: every group request is served, as the original did; {@code registered}: only with an app's key. */
    public enum Mode {
        OPEN, REGISTERED;

        /** @throws IllegalArgumentException when {@code text} is neither {@code open} nor {@code registered} */
        public static Mode parse(String text) {
            return switch (text) {
                case "open" -> OPEN;
                case "registered" -> REGISTERED;
                default -> throw new IllegalArgumentException("'" + text + "' is not open or registered");
            };
        }
    }

    public AppsConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(keyGrace, "keyGrace");
        if (keyGrace.isNegative()) {
            throw new IllegalArgumentException("--key-grace must not be negative");
        }
        if (mode == Mode.REGISTERED && adminToken.isEmpty()) {
            throw new IllegalArgumentException("--apps registered needs --admin-token-file: without the admin API "
                    + "no application could be registered");
        }
    }

    /** The original's behaviour, and no admin API. */
    public static AppsConfig open() {
        return new AppsConfig(Mode.OPEN, Optional.empty(), Duration.ofHours(24));
    }

    public boolean registered() {
        return mode == Mode.REGISTERED;
    }
}
