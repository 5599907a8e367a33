package io.disco.common.signing;

/** A signature, a key or a {@code Disco-Signatures} header that is not in Babble's format. */
public final class SignatureFormatException extends IllegalArgumentException {

    public SignatureFormatException(String message) {
        super(message);
    }
}
