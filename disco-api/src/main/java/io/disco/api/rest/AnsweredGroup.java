package io.disco.api.rest;

import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;

/**
 * Carries the stored group that a GET by ID found from the resource, which found it, to the
 * writer, which answers it with the group's JSON rendered when it was stored.
 *
 * <p>The resource cannot return the stored group itself: it implements the API's interface,
 * shared with the client, where the answer is a {@link Group}, and a record has no subtypes.
 * Jersey runs a synchronous resource method and writes what it returned on the same thread, so
 * the stored group goes from one to the other through the thread.
 */
final class AnsweredGroup {

    private static final ThreadLocal<StoredGroup> FOUND = new ThreadLocal<>();

    private AnsweredGroup() {
    }

    /** What the resource returns for {@code stored}; the writer of that answer will find it. */
    static Group answer(StoredGroup stored) {
        FOUND.set(stored);
        return stored.group();
    }

    /**
     * The stored group whose JSON answers {@code group}, or {@code null} to write it afresh. The
     * values are compared, not the instances, so a group from anywhere else is never answered
     * with another's bytes; comparing a group with itself takes a few field reads.
     */
    static StoredGroup take(Group group) {
        StoredGroup found = FOUND.get();
        if (found == null) {
            return null;
        }
        // Not kept past its answer, so an idle thread holds no group.
        FOUND.set(null);
        return found.group().equals(group) ? found : null;
    }
}
