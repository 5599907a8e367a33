package io.disco.api.group;

/** No group has the ID a request names: it never existed, was deleted, or expired. */
public final class UnknownGroupException extends GroupException {

    public UnknownGroupException(String id) {
        super("group " + id + " not found");
    }
}
