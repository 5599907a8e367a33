package io.disco.common.discovery;

/** The server answered with an error status; {@link #getMessage()} is the server's own message. */
public class DiscoApiException extends DiscoException {

    private final int status;

    public DiscoApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the answer, such as 400 or 413. */
    public int status() {
        return status;
    }
}
