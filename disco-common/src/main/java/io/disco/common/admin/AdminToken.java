package io.disco.common.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The secret of the admin API. Read from a file, never from a flag, so that it shows in no
 * process listing; kept as its SHA-256 only, so that comparing a presented token takes the same
 * time whatever its length and wherever it differs.
 */
public final class AdminToken {

    private final byte[] sha256;

    private AdminToken(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** @throws IllegalArgumentException for an empty token */
    public static AdminToken of(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("the admin token is empty");
        }
        return new AdminToken(CredentialDigest.of(token.strip()));
    }

    /**
     * The token in {@code file}.
     *
     * @throws IllegalArgumentException naming {@code --admin-token-file} when the file is missing,
     *                                  unreadable or empty
     */
    public static AdminToken read(Path file) {
        return of(secretIn(file));
    }

    /**
     * The file's content, less surrounding white space (an editor's final newline): what a client
     * presents.
     *
     * @throws IllegalArgumentException naming {@code --admin-token-file} when the file is missing,
     *                                  unreadable or empty
     */
    public static String secretIn(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--admin-token-file " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--admin-token-file " + file + " cannot be read: " + e.getMessage());
        }
        if (content.isBlank()) {
            throw new IllegalArgumentException("--admin-token-file " + file + " is empty");
        }
        return content.strip();
    }

    /** Whether {@code presented} is the token, in constant time. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(sha256, CredentialDigest.of(presented));
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
