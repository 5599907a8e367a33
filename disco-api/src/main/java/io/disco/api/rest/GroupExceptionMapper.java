package io.disco.api.rest;

import io.disco.api.group.AppFullException;
import io.disco.api.group.GroupException;
import io.disco.api.group.GroupIdTakenException;
import io.disco.api.group.InvalidGroupException;
import io.disco.api.group.OtherAppException;
import io.disco.api.group.QuorumNotMetException;
import io.disco.api.group.ServerFullException;
import io.disco.api.group.UnknownGroupException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The registry's refusals: 400 for a group that breaks a rule, 404 for an unknown ID, 507 when the
 * server keeps all the groups it may, 429 when the group's application does, 403 when too few of
 * a protected group's members signed or when an application's key writes another's group, 409
 * when an application's key creates a group with an ID another application's group holds.
 */
final class GroupExceptionMapper implements ExceptionMapper<GroupException> {

    @Override
    public Response toResponse(GroupException e) {
        int status;
        if (e instanceof InvalidGroupException) {
            status = 400;
        } else if (e instanceof UnknownGroupException) {
            status = 404;
        } else if (e instanceof ServerFullException) {
            status = 507;
        } else if (e instanceof AppFullException) {
            status = 429;
        } else if (e instanceof QuorumNotMetException || e instanceof OtherAppException) {
            status = 403;
        } else if (e instanceof GroupIdTakenException) {
            status = 409;
        } else {
            throw new IllegalStateException("unmapped " + e.getClass().getName(), e);
        }
        return ErrorResponses.of(status, e.getMessage());
    }
}
