package io.disco.signal.wamp;

import java.util.regex.Pattern;

/**
 * URI rules, loose as nexus checks them by default: components are any characters but
 * whitespace, {@code .} and {@code #}, so Babble's procedure names (public keys such as
 * {@code 0X04AB...}) are fine.
 */
public final class WampUris {

    private static final Pattern LOOSE = Pattern.compile("^([^\\s.#]+\\.)*([^\\s.#]+)$");
    // Wildcard patterns may have empty components: com..create matches com.example.create.
    private static final Pattern LOOSE_WILDCARD = Pattern.compile("^(([^\\s.#]+\\.)|\\.)*([^\\s.#]+)?$");
    private static final Pattern LOOSE_PREFIX = Pattern.compile("^([^\\s.#]+\\.)*([^\\s.#]*)$");

    /** URIs under this prefix belong to the router (meta API, errors); clients may not claim them. */
    public static final String RESERVED_PREFIX = "wamp.";

    private WampUris() {
    }

    public static boolean isValid(String uri) {
        return uri != null && LOOSE.matcher(uri).matches();
    }

    /** Valid as a pattern of the given match policy ({@code exact}, {@code prefix}, {@code wildcard}). */
    public static boolean isValidPattern(String uri, MatchPolicy match) {
        if (uri == null || uri.isEmpty()) {
            return false;
        }
        return switch (match) {
            case EXACT -> LOOSE.matcher(uri).matches();
            case PREFIX -> LOOSE_PREFIX.matcher(uri).matches();
            case WILDCARD -> LOOSE_WILDCARD.matcher(uri).matches();
        };
    }

    public static boolean isReserved(String uri) {
        return uri.startsWith(RESERVED_PREFIX);
    }
}
