package io.disco.common.signing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * What the members of a protected group sign to change it: one line each for a version tag, the
 * HTTP method, the group's ID, the lower-case hex SHA-256 of the request body (of no bytes when
 * there is none) and the group's {@code LastUpdated} as stored when the request is made:
 *
 * <pre>disco-group-v1\nPATCH\n8f41c928-...\n9f86d0...\n1583773505</pre>
 *
 * <p>no line end after the last. Every write stamps a new {@code LastUpdated}, so a signature
 * stops counting once the group has changed and cannot be replayed on it.
 */
public record CanonicalRequest(String method, String groupId, String bodySha256, long lastUpdated) {

    public static final String VERSION = "disco-group-v1";

    public CanonicalRequest {
        method = method.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(bodySha256, "bodySha256");
    }

    /** The request to {@code method} group {@code groupId} with {@code body}, as it stands at {@code lastUpdated}. */
    public static CanonicalRequest of(String method, String groupId, byte[] body, long lastUpdated) {
        return new CanonicalRequest(method, groupId, bodySha256(body), lastUpdated);
    }

    /** The lower-case hex SHA-256 of a body. */
    public static String bodySha256(byte[] body) {
        return HexFormat.of().formatHex(Secp256k1.sha256(body));
    }

    /** The bytes that are signed: the lines above, in UTF-8. */
    public byte[] bytes() {
        return (VERSION + '\n' + method + '\n' + groupId + '\n' + bodySha256 + '\n' + lastUpdated)
                .getBytes(StandardCharsets.UTF_8);
    }
}
