package io.disco.signal;

import java.util.Objects;

/**
 * What the signaling router will need: where it listens and its realm. The router itself
 * arrives with its own issue; the flags are accepted already so deployments can be written.
 *
 * @param port  WSS port; 0 picks a free one
 * @param realm the one WAMP realm served
 */
public record SignalConfig(int port, String realm) {

    public static final int DEFAULT_PORT = 2443;

    public SignalConfig {
        Objects.requireNonNull(realm, "realm");
        if (realm.isBlank()) {
            throw new IllegalArgumentException("--realm must not be empty");
        }
    }
}
