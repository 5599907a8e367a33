package io.disco.api.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A group as kept by a store, with the instant after which it is gone unless updated, and its
 * JSON, rendered at most once. In memory it is rendered on the first read, not on the write,
 * because many groups are refreshed more often than anyone reads them; a store that writes the
 * JSON itself (SQLite, Redis) renders it as it writes. Reads serve these bytes instead of
 * serializing again.
 */
public final class StoredGroup {

    private final Group group;
    private final Instant expiresAt;
    // Rendered lazily; two readers racing render the same bytes, so no lock is needed.
    private volatile byte[] json;

    private StoredGroup(Group group, Instant expiresAt) {
        this.group = Objects.requireNonNull(group, "group");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static StoredGroup of(Group group, Instant expiresAt) {
        return new StoredGroup(group, expiresAt);
    }

    /**
     * A group a store kept as the JSON {@link #json()} rendered: read back, those bytes are
     * served as they are. Do not modify the array.
     */
    public static StoredGroup fromJson(byte[] json, Instant expiresAt) {
        Group group;
        try {
            group = DiscoJson.mapper().readValue(json, Group.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored group is not a group's JSON", e);
        }
        StoredGroup stored = new StoredGroup(group, expiresAt);
        stored.json = json;
        return stored;
    }

    /**
     * What a store's change function returned for group {@code id}, checked: a change may not
     * return nothing, nor turn one group into another.
     */
    public static StoredGroup changed(String id, StoredGroup next) {
        Objects.requireNonNull(next, "change returned null");
        if (!next.id().equals(id)) {
            throw new IllegalArgumentException("change turned group " + id + " into " + next.id());
        }
        return next;
    }

    public Group group() {
        return group;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The group's JSON, exactly as {@link DiscoJson} writes it. Do not modify the array. */
    public byte[] json() {
        byte[] rendered = json;
        if (rendered == null) {
            try {
                rendered = DiscoJson.mapper().writeValueAsBytes(group);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("group " + group.id() + " could not be written as JSON", e);
            }
            json = rendered;
        }
        return rendered;
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

    @Override
    public String toString() {
        return "StoredGroup[" + group.id() + " until " + expiresAt + "]";
    }
}
