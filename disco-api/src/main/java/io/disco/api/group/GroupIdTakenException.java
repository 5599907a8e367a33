package io.disco.api.group;

/** A create, with one application's key, of a group whose ID another application's group has. */
public final class GroupIdTakenException extends GroupException {

    public GroupIdTakenException(String id) {
        super("group ID " + id + " is taken");
    }
}
