package io.disco.turn.auth;

/** What a NONCE a client sent back is worth. */
public enum NonceCheck {
    /** Issued by this process, to this client address, not yet expired. */
    VALID,
    /** Issued here, but too long ago: the client must retry with a fresh one (438). */
    STALE,
    /** Not one of ours, or issued to another address (also answered with 438 and a fresh nonce). */
    FORGED
}
