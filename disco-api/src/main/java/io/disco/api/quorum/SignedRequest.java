package io.disco.api.quorum;

import io.disco.common.signing.CanonicalRequest;
import io.disco.common.signing.Signatures;
import java.util.Objects;

/**
 * The part of a write request that signatures cover: its method, the group it changes, the
 * SHA-256 of its body, and the signatures it carries. The group's {@code LastUpdated} completes
 * what was signed only inside the store's write ({@link #canonicalAt}).
 */
public record SignedRequest(String method, String groupId, String bodySha256, Signatures signatures) {

    /** A request without a {@code Disco-Signatures} header: it changes only unprotected groups. */
    public static final SignedRequest UNSIGNED = new SignedRequest("", "", "", Signatures.NONE);

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(bodySha256, "bodySha256");
        Objects.requireNonNull(signatures, "signatures");
    }

    /** What its signers signed, if they signed it against the group as it stood at {@code lastUpdated}. */
    CanonicalRequest canonicalAt(long lastUpdated) {
        return new CanonicalRequest(method, groupId, bodySha256, lastUpdated);
    }
}
