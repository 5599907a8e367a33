package io.disco.common.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a presented credential: what is kept or compared in its place, so that no
 * secret is held as sent and a comparison takes the same time whatever the credential's length.
 */
public final class CredentialDigest {

    private CredentialDigest() {
    }

    public static byte[] of(String credential) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
