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
 * serializing again, and a group read back as JSON is parsed only when something needs more
 * than its bytes, which a read from Redis never does.
 */
public final class StoredGroup {

    private final String id;
    private final Instant expiresAt;
    // Each is made lazily from the other; two threads racing make equal values, so no lock.
    private volatile Group group;
    private volatile byte[] json;

    private StoredGroup(String id, Group group, byte[] json, Instant expiresAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.group = group;
        this.json = json;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static StoredGroup of(Group group, Instant expiresAt) {
        return new StoredGroup(group.id(), group, null, expiresAt);
    }

    /**
     * Group {@code id}, which a store kept as the JSON {@link #json()} rendered: read back, those
     * bytes are served as they are, and parsed on the first call that needs the group itself.
     * Do not modify the array.
     */
    public static StoredGroup fromJson(String id, byte[] json, Instant expiresAt) {
        return new StoredGroup(id, null, Objects.requireNonNull(json, "json"), expiresAt);
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

    /** @throws IllegalStateException when the stored JSON is not a group's */
    public Group group() {
        Group parsed = group;
        if (parsed == null) {
            try {
                parsed = DiscoJson.mapper().readValue(json, Group.class);
            } catch (IOException e) {
                throw new IllegalStateException("stored group " + id + " is not a group's JSON", e);
            }
            group = parsed;
        }
        return parsed;
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
                throw new IllegalStateException("group " + id + " could not be written as JSON", e);
            }
            json = rendered;
        }
        return rendered;
    }

    public String id() {
        return id;
    }

    public String appId() {
        return group().appId();
    }

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "StoredGroup[" + id + " until " + expiresAt + "]";
    }
}
