package io.disco.api.group;

/** A request the discovery service refuses, for a reason the client can act on. */
public abstract sealed class GroupException extends RuntimeException
        permits InvalidGroupException, UnknownGroupException, ServerFullException, AppFullException,
        QuorumNotMetException, OtherAppException, GroupIdTakenException {

    GroupException(String message) {
        super(message, null, false, false);
    }
}
