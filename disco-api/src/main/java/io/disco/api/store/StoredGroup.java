package io.disco.api.store;

import io.disco.common.model.Group;
import java.time.Instant;
import java.util.Objects;

/** A group as kept by a store, with the instant after which it is gone unless updated. */
public record StoredGroup(Group group, Instant expiresAt) {

    public StoredGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String id() {
        return group.id();
    }

    public String appId() {
        return group.appId();
    }

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
