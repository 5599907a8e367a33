package io.disco.signal.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What a WAMP-CRA client signs: who it will be once it is in, a nonce against replays, when the
 * challenge was made and the session id it binds to, as the spec lists them.
 *
 * @param timestamp when the challenge was made; written in UTC to the millisecond, as the spec's example
 */
public record CraChallenge(String authid, String authrole, String authprovider, String nonce, Instant timestamp,
                           long session) {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public CraChallenge {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(authrole, "authrole");
        Objects.requireNonNull(authprovider, "authprovider");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The challenge as the client receives and signs it: a JSON object serialized to a string. */
    public String text() {
        ObjectNode challenge = JsonNodeFactory.instance.objectNode();
        challenge.put("authid", authid);
        challenge.put("authrole", authrole);
        challenge.put("authmethod", AuthMethod.WAMPCRA.wireName);
        challenge.put("authprovider", authprovider);
        challenge.put("nonce", nonce);
        challenge.put("timestamp", ISO_MILLIS.format(timestamp));
        challenge.put("session", session);
        return challenge.toString();
    }
}
