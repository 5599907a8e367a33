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

    /**
     * Whether a route {@code (this, pattern)} is a better match than {@code (other, otherPattern)}
     * for a URI both match, as a call is routed: exact first, then the longest prefix, then the
     * wildcard pattern with the most concrete components. A tie is no better.
     */
    public boolean outranks(String pattern, MatchPolicy other, String otherPattern) {
        if (this != other) {
            return ordinal() < other.ordinal();
        }
        return switch (this) {
            case EXACT -> false;
            case PREFIX -> pattern.length() > otherPattern.length();
            case WILDCARD -> concreteComponents(pattern) > concreteComponents(otherPattern);
        };
    }

    private static int concreteComponents(String pattern) {
        int count = 0;
        for (String component : pattern.split("\\.", -1)) {
            if (!component.isEmpty()) {
                count++;
            }
        }
        return count;
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
