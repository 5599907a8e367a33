package io.disco.turn;

import java.util.Objects;

/**
 * What the TURN server will need: its port, the address it advertises, its realm and its one
 * long-term-credential user. The server itself arrives with its own issue; the flags are
 * accepted already so deployments can be written.
 */
public record TurnConfig(String address, int port, String realm, String username, String password) {

    public TurnConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("--ice-username must not be empty");
        }
    }
}
