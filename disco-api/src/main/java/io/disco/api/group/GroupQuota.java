package io.disco.api.group;

import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;

/**
 * How many groups the server keeps, in all and per application, so that no loop of creates can
 * fill its heap or disk. Updates of groups it already keeps are never refused by these; a group
 * moved to another application is new there and counts against that application.
 *
 * <p>Groups that expired but are not yet swept still count: they still take their room.
 */
public record GroupQuota(int maxGroups, int maxGroupsPerApp) {

    public static final int DEFAULT_MAX_GROUPS = 100_000;
    public static final int DEFAULT_MAX_GROUPS_PER_APP = 10_000;

    public GroupQuota {
        if (maxGroups < 1) {
            throw new IllegalArgumentException("--max-groups must be at least 1");
        }
        if (maxGroupsPerApp < 1) {
            throw new IllegalArgumentException("--max-groups-per-app must be at least 1");
        }
    }

    public static GroupQuota defaults() {
        return new GroupQuota(DEFAULT_MAX_GROUPS, DEFAULT_MAX_GROUPS_PER_APP);
    }

    /**
     * Refuses to store a group in {@code appId} in place of {@code stored} when that would take
     * the store past either limit. Called from inside the store's write, where the counts are
     * those the write applies to (see {@link GroupStore#upsert}).
     *
     * @param stored what the store holds under the group's ID now, expired or not
     */
    void admit(StoredGroup stored, String appId, GroupStore store) {
        if (stored == null && store.size() >= maxGroups) {
            throw new ServerFullException(maxGroups);
        }
        if ((stored == null || !stored.appId().equals(appId)) && store.countByApp(appId) >= maxGroupsPerApp) {
            throw new AppFullException(appId, maxGroupsPerApp);
        }
    }
}
