package io.disco.turn.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The users the server knows. Open mode, the original's: the one static user ({@code --ice-username},
 * {@code --ice-password}) and, when secrets are given, time-limited users. Registered mode:
 * time-limited users alone, whose user part names a registered application.
 */
public final class Credentials {

    private final String staticUsername;
    private final byte[] staticKey;
    private final TimeLimitedCredentials timeLimited;
    private final RegisteredApps apps;

    public Credentials(String staticUsername, String staticPassword, String realm, TimeLimitedCredentials timeLimited) {
        this.staticUsername = staticUsername;
        this.staticKey = LongTermKey.of(staticUsername, realm, staticPassword);
        this.timeLimited = timeLimited;
        this.apps = null;
    }

    private Credentials(TimeLimitedCredentials timeLimited, RegisteredApps apps) {
        this.staticUsername = null;
        this.staticKey = null;
        this.timeLimited = timeLimited;
        this.apps = apps;
    }

    /** Registered mode: no static user; a time-limited user's account must be a registered app's AppID. */
    public static Credentials registered(TimeLimitedCredentials timeLimited, RegisteredApps apps) {
        return new Credentials(timeLimited, apps);
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

    /**
     * Whether a user whose key verified may go on as {@code account}: always in open mode; in
     * registered mode while the account is a registered application.
     */
    public boolean admits(String account) {
        return apps == null || apps.admits(account);
    }
}
