package io.disco.signal.cluster;

import io.disco.signal.wamp.MatchPolicy;
import java.util.Optional;

/**
 * A registration or subscription of a realm, as a field of the realm's routes' hash:
 * {@code r|s MATCH URI} (a URI holds no space).
 */
record RouteKey(Kind kind, MatchPolicy match, String uri) {

    enum Kind {
        REGISTRATION("r"), SUBSCRIPTION("s");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    String field() {
        return kind.code + " " + match.wireName() + " " + uri;
    }

    /** The key a field names; empty for a field this router does not read. */
    static Optional<RouteKey> parse(String field) {
        String[] parts = field.split(" ", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Kind kind = parts[0].equals("r") ? Kind.REGISTRATION : parts[0].equals("s") ? Kind.SUBSCRIPTION : null;
        MatchPolicy match = MatchPolicy.named(parts[1]);
        return kind == null || match == null ? Optional.empty() : Optional.of(new RouteKey(kind, match, parts[2]));
    }
}
