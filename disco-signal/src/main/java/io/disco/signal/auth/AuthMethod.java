package io.disco.signal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** How a client proves it holds its application's key, by the names HELLO's {@code authmethods} use. */
public enum AuthMethod {

    /** The app key itself, sent in AUTHENTICATE: simple, and safe only because the socket is TLS. */
    TICKET("ticket"),
    /** A signature of the router's challenge with the key derived from the app key: the key never travels. */
    WAMPCRA("wampcra");

    public final String wireName;

    AuthMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The first of a HELLO's {@code authmethods} that this router offers, in the client's order of preference. */
    public static Optional<AuthMethod> firstOffered(JsonNode authmethods) {
        for (JsonNode named : authmethods) {
            for (AuthMethod method : values()) {
                if (method.wireName.equals(named.asText())) {
                    return Optional.of(method);
                }
            }
        }
        return Optional.empty();
    }
}
