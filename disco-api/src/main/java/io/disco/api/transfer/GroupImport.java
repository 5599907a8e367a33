package io.disco.api.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRules;
import io.disco.api.group.InvalidGroupException;
import io.disco.api.group.TtlPolicy;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;
import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link GroupExport} wrote (or {@code GET /groups} answered) into a store. Each group
 * keeps its {@code LastUpdated} and {@code TTL}, so it expires when it would have where it came
 * from; groups already expired are left out. The server's rules hold as for a write through the
 * API: a {@code TTL} is clamped to the bounds, and a group the rules refuse, or one that would take
 * the store past its quota, fails the whole import. A group whose ID the store already holds,
 * live, is kept as the store has it: an import never overwrites. The whole file is read and
 * checked, the quota against the store as it stands, before the first write, so a file with a bad
 * group writes nothing.
 */
public final class GroupImport {

    private static final TypeReference<LinkedHashMap<String, Group>> LISTING = new TypeReference<>() {
    };

    /** What an import did, group by group. */
    public record Counts(int imported, int alreadyThere, int expired) {
    }

    /** The servers' rules the imported groups must meet, from the same flags. */
    public record Rules(GroupRules groups, TtlPolicy ttl, GroupQuota quota) {
    }

    private GroupImport() {
    }

    /**
     * @throws IllegalArgumentException naming the group when the input is not a listing of valid
     *                                  groups, or would take the store past its quota
     */
    public static Counts read(InputStream in, GroupStore store, Rules rules, Instant now) throws IOException {
        List<StoredGroup> live = new ArrayList<>();
        int expired = 0;
        for (StoredGroup group : parse(in, rules, now)) {
            if (group.isLiveAt(now)) {
                live.add(group);
            } else {
                expired++;
            }
        }
        admit(live, store, rules.quota(), now);
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

    /**
     * Refuses the import, naming the first group past a limit, when the groups it would add take
     * the store past {@code quota}, counted as a write through the API counts them: a group whose
     * ID the store holds takes no more room, unless it moves to another application.
     */
    private static void admit(List<StoredGroup> groups, GroupStore store, GroupQuota quota, Instant now) {
        int size = store.size();
        Map<String, Integer> appSizes = new HashMap<>();
        for (StoredGroup group : groups) {
            StoredGroup stored = store.get(group.id()).orElse(null);
            if (stored != null && stored.isLiveAt(now)) {
                continue;
            }
            if (stored == null && ++size > quota.maxGroups()) {
                throw new IllegalArgumentException("group " + group.id() + ": the store would keep more than "
                        + quota.maxGroups() + " groups (--max-groups)");
            }
            if (stored == null || !stored.appId().equals(group.appId())) {
                appSizes.computeIfAbsent(group.appId(), store::countByApp);
                if (appSizes.merge(group.appId(), 1, Integer::sum) > quota.maxGroupsPerApp()) {
                    throw new IllegalArgumentException("group " + group.id() + ": application " + group.appId()
                            + " would have more than " + quota.maxGroupsPerApp() + " groups (--max-groups-per-app)");
                }
            }
        }
    }

    private static List<StoredGroup> parse(InputStream in, Rules rules, Instant now) throws IOException {
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
        List<StoredGroup> groups = new ArrayList<>(listing.size());
        for (Map.Entry<String, Group> entry : listing.entrySet()) {
            String id = entry.getKey();
            Group group = entry.getValue();
            if (group == null || !(group.id().isEmpty() || group.id().equals(id))) {
                throw new IllegalArgumentException("group " + id + ": not a group with that ID");
            }
            group = group.withId(id);
            try {
                rules.groups().check(group);
            } catch (InvalidGroupException e) {
                throw new IllegalArgumentException("group " + id + ": " + e.getMessage());
            }
            Long granted = group.ttl() == null ? null : rules.ttl().grant(group.ttl());
            group = group.withTtl(granted);
            groups.add(StoredGroup.of(group, expiry(group, rules.ttl().lifetime(granted), now)));
        }
        return groups;
    }

    /**
     * When the group expires, as a server that wrote it at its {@code LastUpdated} set it; never
     * later than a write now would set, so that a {@code LastUpdated} ahead of this clock does not
     * let a group outlive its TTL.
     */
    private static Instant expiry(Group group, Duration lifetime, Instant now) {
        try {
            Instant expiry = Instant.ofEpochSecond(group.lastUpdated()).plus(lifetime);
            Instant latest = now.plus(lifetime);
            return expiry.isAfter(latest) ? latest : expiry;
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("group " + group.id() + ": LastUpdated " + group.lastUpdated()
                    + " is not a time a group can have been written");
        }
    }
}
