package io.disco.common.tls;

/** A certificate or key that cannot be used, with a message that names the file and why. */
public final class TlsConfigException extends RuntimeException {

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
