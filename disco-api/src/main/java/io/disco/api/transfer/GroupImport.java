package io.disco.api.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupRules;
import io.disco.api.group.InvalidGroupException;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;
import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link GroupExport} wrote (or {@code GET /groups} answered) into a store. Each group
 * keeps its {@code LastUpdated} and {@code TTL}, so it expires when it would have where it came
 * from; groups already expired are left out. A group whose ID the store already holds, live, is
 * kept as the store has it: an import never overwrites. The whole file is read and checked
 * before the first write, so a file with a bad group writes nothing.
 */
public final class GroupImport {

    private static final TypeReference<LinkedHashMap<String, Group>> LISTING = new TypeReference<>() {
    };

    /** What an import did, group by group. */
    public record Counts(int imported, int alreadyThere, int expired) {
    }

    private GroupImport() {
    }

    /**
     * @param defaultTtl the lifetime of groups that name no {@code TTL}, as the server's {@code --ttl}
     * @throws IllegalArgumentException naming the group when the input is not a listing of valid groups
     */
    public static Counts read(InputStream in, GroupStore store, Duration defaultTtl, Instant now) throws IOException {
        List<StoredGroup> live = new ArrayList<>();
        int expired = 0;
        for (StoredGroup group : parse(in, defaultTtl)) {
            if (group.isLiveAt(now)) {
                live.add(group);
            } else {
                expired++;
            }
        }
        int imported = 0;
        for (StoredGroup group : live) {
            StoredGroup kept = store.upsert(group.id(),
                    existing -> existing.filter(old -> old.isLiveAt(now)).orElse(group));
            if (kept == group) {
                imported++;
            }
        }
        return new Counts(imported, live.size() - imported, expired);
    }

    private static List<StoredGroup> parse(InputStream in, Duration defaultTtl) throws IOException {
        Map<String, Group> listing;
        try {
            listing = DiscoJson.mapper().readValue(in, LISTING);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object of groups by ID, as GET /groups answers: "
                    + e.getOriginalMessage());
        }
        if (listing == null) {
            throw new IllegalArgumentException("not a JSON object of groups by ID, as GET /groups answers");
        }
        GroupRules rules = new GroupRules(GroupLimits.defaults());
        List<StoredGroup> groups = new ArrayList<>(listing.size());
        for (Map.Entry<String, Group> entry : listing.entrySet()) {
            String id = entry.getKey();
            Group group = entry.getValue();
            if (group == null || !(group.id().isEmpty() || group.id().equals(id))) {
                throw new IllegalArgumentException("group " + id + ": not a group with that ID");
            }
            group = group.withId(id);
            try {
                rules.check(group);
            } catch (InvalidGroupException e) {
                throw new IllegalArgumentException("group " + id + ": " + e.getMessage());
            }
            Duration lifetime = group.ttl() == null ? defaultTtl : Duration.ofSeconds(group.ttl());
            groups.add(StoredGroup.of(group, Instant.ofEpochSecond(group.lastUpdated()).plus(lifetime)));
        }
        return groups;
    }
}
