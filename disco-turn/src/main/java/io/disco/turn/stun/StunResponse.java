package io.disco.turn.stun;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A response as the protocol logic builds it; {@link ResponseEncoder} turns it into bytes.
 *
 * @param method        the request's method
 * @param transactionId the request's transaction ID
 * @param status        success, or the ERROR-CODE
 * @param attributes    what the response tells besides the error
 * @param protection    how the message ends: MESSAGE-INTEGRITY, FINGERPRINT
 */
public record StunResponse(Method method, byte[] transactionId, Status status, Attributes attributes,
                           Protection protection) {

    /**
     * Success, or an error.
     *
     * @param errorCode 0 for a success response, else the ERROR-CODE
     * @param reason    the error's reason phrase (null for a success)
     */
    public record Status(int errorCode, String reason) {
        static final Status SUCCESS = new Status(0, null);

        public boolean isError() {
            return errorCode != 0;
        }
    }

    /**
     * The attributes a response may carry besides ERROR-CODE, SOFTWARE and the integrity ones.
     *
     * @param xorMapped         XOR-MAPPED-ADDRESS, or null
     * @param xorRelayed        XOR-RELAYED-ADDRESS, or null
     * @param lifetime          LIFETIME in seconds, or null
     * @param realm             REALM, or null
     * @param nonce             NONCE, or null
     * @param unknownAttributes UNKNOWN-ATTRIBUTES (420), or empty
     * @param reservationToken  RESERVATION-TOKEN, or null
     * @param alternateServer   ALTERNATE-SERVER (300), or null
     */
    public record Attributes(InetSocketAddress xorMapped, InetSocketAddress xorRelayed, Long lifetime, String realm,
                             String nonce, List<Integer> unknownAttributes, byte[] reservationToken,
                             InetSocketAddress alternateServer) {
        static final Attributes NONE = new Attributes(null, null, null, null, null, List.of(), null, null);

        private Draft draft() {
            return new Draft(this);
        }
    }

    /** {@link Attributes} being changed, so that each change names only what it sets. */
    private static final class Draft {
        InetSocketAddress xorMapped;
        InetSocketAddress xorRelayed;
        Long lifetime;
        String realm;
        String nonce;
        List<Integer> unknownAttributes;
        byte[] reservationToken;
        InetSocketAddress alternateServer;

        Draft(Attributes from) {
            xorMapped = from.xorMapped();
            xorRelayed = from.xorRelayed();
            lifetime = from.lifetime();
            realm = from.realm();
            nonce = from.nonce();
            unknownAttributes = from.unknownAttributes();
            reservationToken = from.reservationToken();
            alternateServer = from.alternateServer();
        }

        Attributes done() {
            return new Attributes(xorMapped, xorRelayed, lifetime, realm, nonce, unknownAttributes, reservationToken,
                    alternateServer);
        }
    }

    /**
     * How the message ends.
     *
     * @param integrityKey the key to add MESSAGE-INTEGRITY with, or null
     * @param fingerprint  whether to end with FINGERPRINT
     */
    public record Protection(byte[] integrityKey, boolean fingerprint) {
    }

    public boolean isError() {
        return status.isError();
    }

    /** Whether it is a challenge: an error carrying REALM and a fresh NONCE (401, 438). */
    public boolean challenges() {
        return isError() && attributes.nonce() != null;
    }

    /** A success response to {@code request} with no attribute yet, fingerprinted when the request was. */
    public static StunResponse success(StunRequest request) {
        return new StunResponse(request.method(), request.transactionId(), Status.SUCCESS, Attributes.NONE,
                new Protection(null, request.hasFingerprint()));
    }

    /** An error response to {@code request}, fingerprinted when the request was. */
    public static StunResponse error(StunRequest request, int code, String reason) {
        return new StunResponse(request.method(), request.transactionId(), new Status(code, reason), Attributes.NONE,
                new Protection(null, request.hasFingerprint()));
    }

    private StunResponse with(Draft draft) {
        return new StunResponse(method, transactionId, status, draft.done(), protection);
    }

    public StunResponse withXorMapped(InetSocketAddress address) {
        Draft draft = attributes.draft();
        draft.xorMapped = address;
        return with(draft);
    }

    public StunResponse withXorRelayed(InetSocketAddress address) {
        Draft draft = attributes.draft();
        draft.xorRelayed = address;
        return with(draft);
    }

    public StunResponse withLifetime(long seconds) {
        Draft draft = attributes.draft();
        draft.lifetime = seconds;
        return with(draft);
    }

    public StunResponse withRealmAndNonce(String realm, String nonce) {
        Draft draft = attributes.draft();
        draft.realm = realm;
        draft.nonce = nonce;
        return with(draft);
    }

    public StunResponse withUnknownAttributes(List<Integer> types) {
        Draft draft = attributes.draft();
        draft.unknownAttributes = List.copyOf(types);
        return with(draft);
    }

    public StunResponse withReservationToken(byte[] token) {
        Draft draft = attributes.draft();
        draft.reservationToken = token;
        return with(draft);
    }

    public StunResponse withAlternateServer(InetSocketAddress server) {
        Draft draft = attributes.draft();
        draft.alternateServer = server;
        return with(draft);
    }

    public StunResponse signedWith(byte[] key) {
        return new StunResponse(method, transactionId, status, attributes, new Protection(key, protection.fingerprint()));
    }

    public StunResponse withFingerprint() {
        return new StunResponse(method, transactionId, status, attributes, new Protection(protection.integrityKey(), true));
    }
}
