package io.disco.common.discovery;

/** The group named in the call does not exist (any more): it was deleted or it expired. */
public final class GroupNotFoundException extends DiscoApiException {

    public GroupNotFoundException(String message, Throwable cause) {
        super(404, message, cause);
    }
}
