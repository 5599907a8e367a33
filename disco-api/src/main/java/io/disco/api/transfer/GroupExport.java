package io.disco.api.transfer;

import io.disco.api.group.GroupLimits;
import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRegistry;
import io.disco.api.group.GroupRules;
import io.disco.api.group.TtlPolicy;
import io.disco.api.store.GroupStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Every live group of a store as {@code GET /groups} answers them: one JSON object from ID to
 * group, {@code LastUpdated} and any granted {@code TTL} included, which is all {@link GroupImport}
 * needs to give each group back its expiry.
 */
public final class GroupExport {

    private GroupExport() {
    }

    public static int write(GroupStore store, Clock clock, OutputStream out) throws IOException {
        // The registry's listing, so that the file is byte for byte what the API serves; listing
        // uses no rule or TTL, so any will do.
        Duration any = Duration.ofSeconds(1);
        GroupRegistry registry = new GroupRegistry(store, new GroupRules(GroupLimits.defaults()),
                GroupQuota.defaults(), new TtlPolicy(any, any, any), clock);
        var listing = registry.list(null);
        out.write(listing.json());
        out.write('\n');
        out.flush();
        return listing.size();
    }
}
