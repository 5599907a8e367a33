package io.disco.api.group;

/** The group in a request breaks a rule; the message says which. */
public final class InvalidGroupException extends GroupException {

    public InvalidGroupException(String message) {
        super(message);
    }
}
