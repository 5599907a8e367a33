package io.disco.api;

import io.disco.api.group.GroupQuota;
import picocli.CommandLine.Option;

/** The flags that bound what clients may make the discovery service keep, whatever the store. */
public final class LimitOptions {

    @Option(names = "--max-groups", paramLabel = "N", defaultValue = "" + GroupQuota.DEFAULT_MAX_GROUPS,
            description = "Most groups the server keeps; a create past it gets 507 (default: ${DEFAULT-VALUE})")
    int maxGroups;

    @Option(names = "--max-groups-per-app", paramLabel = "N",
            defaultValue = "" + GroupQuota.DEFAULT_MAX_GROUPS_PER_APP,
            description = "Most groups one AppID may have; a create past it gets 429 (default: ${DEFAULT-VALUE})")
    int maxGroupsPerApp;

    /** @throws IllegalArgumentException naming the flag */
    GroupQuota quota() {
        return new GroupQuota(maxGroups, maxGroupsPerApp);
    }
}
