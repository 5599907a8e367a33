package io.disco.api.rest;

import io.disco.api.group.InvalidGroupException;
import io.disco.common.model.Group;

/** Checks on a request body that come before the registry's rules. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** JSON {@code null} or an empty body reaches a resource as {@code null}. */
    static Group required(Group group) {
        if (group == null) {
            throw new InvalidGroupException("the request body must be a JSON group");
        }
        return group;
    }
}
