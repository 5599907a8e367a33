package io.disco.api.quorum;

import io.disco.common.signing.PeerKey;
import io.disco.common.signing.Signature;
import io.disco.common.signing.Signatures;
import java.util.HashMap;
import java.util.Map;

/**
 * The outcome of each signature of one request against one {@code LastUpdated}, kept so that the
 * registry can verify before the store's write and the write only looks the outcomes up: ECDSA
 * verification costs far more than the rest of a write, and a store writes one group at a time.
 * A group changed in between has another {@code LastUpdated}, and its signatures are verified
 * anew inside the write, against what is then stored.
 */
public final class Verifications {

    /** Whether a signature is a key's over a message: ECDSA, unless a test counts the calls. */
    @FunctionalInterface
    interface Verifier {
        boolean verifies(PeerKey key, byte[] message, Signature signature);
    }

    private final SignedRequest request;
    private final Verifier verifier;
    private long lastUpdated;
    private final Map<Signatures.Signed, Boolean> outcomes = new HashMap<>();

    public Verifications(SignedRequest request) {
        this(request, PeerKey::verifies);
    }

    Verifications(SignedRequest request, Verifier verifier) {
        this.request = request;
        this.verifier = verifier;
    }

    public SignedRequest request() {
        return request;
    }

    /** Whether {@code entry} signed the request as it applies to a group last updated at {@code lastUpdated}. */
    synchronized boolean verifies(Signatures.Signed entry, long lastUpdated) {
        if (outcomes.isEmpty() || this.lastUpdated != lastUpdated) {
            outcomes.clear();
            this.lastUpdated = lastUpdated;
        }
        return outcomes.computeIfAbsent(entry,
                signed -> verifier.verifies(signed.key(), request.canonicalAt(lastUpdated).bytes(), signed.signature()));
    }
}
