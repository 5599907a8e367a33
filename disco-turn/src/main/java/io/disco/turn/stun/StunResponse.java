package io.disco.turn.stun;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A response as the protocol logic builds it; {@link ResponseEncoder} turns it into bytes.
 *
 * @param method           the request's method
 * @param transactionId    the request's transaction ID
 * @param errorCode        0 for a success response, else the ERROR-CODE
 * @param reason           the error's reason phrase (null for a success)
 * @param xorMapped        XOR-MAPPED-ADDRESS, or null
 * @param xorRelayed       XOR-RELAYED-ADDRESS, or null
 * @param lifetime         LIFETIME in seconds, or null
 * @param realm            REALM, or null
 * @param nonce            NONCE, or null
 * @param unknownAttributes UNKNOWN-ATTRIBUTES (420), or empty
 * @param reservationToken RESERVATION-TOKEN, or null
 * @param integrityKey     the key to add MESSAGE-INTEGRITY with, or null
 * @param fingerprint      whether to end with FINGERPRINT
 */
public record StunResponse(Method method, byte[] transactionId, int errorCode, String reason,
                           InetSocketAddress xorMapped, InetSocketAddress xorRelayed, Long lifetime,
                           String realm, String nonce, List<Integer> unknownAttributes,
                           byte[] reservationToken, byte[] integrityKey, boolean fingerprint) {

    public boolean isError() {
        return errorCode != 0;
    }

    /** Whether it is a challenge: an error carrying REALM and a fresh NONCE (401, 438). */
    public boolean challenges() {
        return isError() && nonce != null;
    }

    /** A success response to {@code request} with no attribute yet, fingerprinted when the request was. */
    public static StunResponse success(StunRequest request) {
        return new StunResponse(request.method(), request.transactionId(), 0, null, null, null, null, null,
                null, List.of(), null, null, request.hasFingerprint());
    }

    /** An error response to {@code request}, fingerprinted when the request was. */
    public static StunResponse error(StunRequest request, int code, String reason) {
        return new StunResponse(request.method(), request.transactionId(), code, reason, null, null, null, null,
                null, List.of(), null, null, request.hasFingerprint());
    }

    public StunResponse withXorMapped(InetSocketAddress address) {
        return new StunResponse(method, transactionId, errorCode, reason, address, xorRelayed, lifetime, realm,
                nonce, unknownAttributes, reservationToken, integrityKey, fingerprint);
    }

    public StunResponse withXorRelayed(InetSocketAddress address) {
        return new StunResponse(method, transactionId, errorCode, reason, xorMapped, address, lifetime, realm,
                nonce, unknownAttributes, reservationToken, integrityKey, fingerprint);
    }

    public StunResponse withLifetime(long seconds) {
        return new StunResponse(method, transactionId, errorCode, reason, xorMapped, xorRelayed, seconds, realm,
                nonce, unknownAttributes, reservationToken, integrityKey, fingerprint);
    }

    public StunResponse withRealmAndNonce(String realm, String nonce) {
        return new StunResponse(method, transactionId, errorCode, reason, xorMapped, xorRelayed, lifetime, realm,
                nonce, unknownAttributes, reservationToken, integrityKey, fingerprint);
    }

    public StunResponse withUnknownAttributes(List<Integer> types) {
        return new StunResponse(method, transactionId, errorCode, reason, xorMapped, xorRelayed, lifetime, realm,
                nonce, List.copyOf(types), reservationToken, integrityKey, fingerprint);
    }

    public StunResponse withReservationToken(byte[] token) {
        return new StunResponse(method, transactionId, errorCode, reason, xorMapped, xorRelayed, lifetime, realm,
                nonce, unknownAttributes, token, integrityKey, fingerprint);
    }

    public StunResponse signedWith(byte[] key) {
        return new StunResponse(method, transactionId, errorCode, reason, xorMapped, xorRelayed, lifetime, realm,
                nonce, unknownAttributes, reservationToken, key, fingerprint);
    }

    public StunResponse withFingerprint() {
        return new StunResponse(method, transactionId, errorCode, reason, xorMapped, xorRelayed, lifetime, realm,
                nonce, unknownAttributes, reservationToken, integrityKey, true);
    }
}
