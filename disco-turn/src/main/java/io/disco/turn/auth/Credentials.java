package io.disco.turn.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The users the server knows: the one static user of the original ({@code --ice-username},
 * {@code --ice-password}) and, when secrets are given, time-limited users.
 */
public final class Credentials {

    private final String staticUsername;
    private final byte[] staticKey;
    private final TimeLimitedCredentials timeLimited;

    public Credentials(String staticUsername, String staticPassword, String realm, TimeLimitedCredentials timeLimited) {
        this.staticUsername = staticUsername;
        this.staticKey = LongTermKey.of(staticUsername, realm, staticPassword);
        this.timeLimited = timeLimited;
    }

    /** The keys a request from {@code username} may be signed with; empty for an unknown user. */
    public List<byte[]> keys(String username) {
        List<byte[]> timed = timeLimited.keys(username);
        if (!username.equals(staticUsername)) {
            return timed;
        }
        if (timed.isEmpty()) {
            return List.of(staticKey);
        }
        List<byte[]> keys = new ArrayList<>(timed);
        keys.add(0, staticKey);
        return keys;
    }

    public String account(String username) {
        return username.equals(staticUsername) ? username : TimeLimitedCredentials.account(username);
    }
}
