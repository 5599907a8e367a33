package io.disco.common.apps;

import java.util.regex.Pattern;

/**
 * A registered application's name: its groups' {@code AppID} and, in registered mode, its WAMP
 * realm, so it is a valid realm URI: dot-separated components of letters, digits, {@code _} and
 * {@code -}, at most 64 characters.
 */
public record AppId(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern REALM_URI = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public AppId {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !REALM_URI.matcher(value).matches()) {
            throw new IllegalArgumentException("an AppID is 1 to " + MAX_LENGTH
                    + " letters, digits, _ and -, in components joined by single dots");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
