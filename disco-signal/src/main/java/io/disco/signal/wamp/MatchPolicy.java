package io.disco.signal.wamp;

import java.util.Locale;

/** How a registration or subscription URI matches: exactly, as a prefix, or with wildcard components. */
public enum MatchPolicy {
    EXACT,
    PREFIX,
    WILDCARD;

    /** @return the policy named in options, or {@code null} for an unknown name */
    public static MatchPolicy named(String name) {
        if (name == null) {
            return EXACT;
        }
        return switch (name) {
            case "exact" -> EXACT;
            case "prefix" -> PREFIX;
            case "wildcard" -> WILDCARD;
            default -> null;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean matches(String pattern, String uri) {
        return switch (this) {
            case EXACT -> pattern.equals(uri);
            case PREFIX -> uri.startsWith(pattern);
            case WILDCARD -> wildcardMatches(pattern, uri);
        };
    }

    private static boolean wildcardMatches(String pattern, String uri) {
        String[] want = pattern.split("\\.", -1);
        String[] have = uri.split("\\.", -1);
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].isEmpty() && !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }
}
