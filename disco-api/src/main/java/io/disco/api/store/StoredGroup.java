package io.disco.api.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import java.time.Instant;
import java.util.Objects;

/**
 * A group as kept by a store: the group, the instant after which it is gone unless updated, and
 * its JSON, rendered once when it was stored. Reads far outnumber writes, so every read serves
 * these bytes instead of serializing again; a persistent store keeps exactly them.
 */
public record StoredGroup(Group group, Instant expiresAt, byte[] json) {

    public StoredGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(json, "json");
    }

    /** Renders the group's JSON now. */
    public static StoredGroup of(Group group, Instant expiresAt) {
        try {
            return new StoredGroup(group, expiresAt, DiscoJson.mapper().writeValueAsBytes(group));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a group could not be written as JSON", e);
        }
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
