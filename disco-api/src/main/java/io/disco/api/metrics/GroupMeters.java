package io.disco.api.metrics;

import io.disco.api.group.GroupEvents;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;

/**
 * How many groups are stored ({@code disco_api_groups_stored}), and how many were created,
 * updated, deleted and expired ({@code disco_api_group_changes_total}, by change).
 */
public final class GroupMeters implements GroupEvents {

    private final Counter created;
    private final Counter updated;
    private final Counter deleted;
    private final Counter expired;

    /** @param store counted at each scrape: {@link GroupStore#size()}, expired groups not yet swept included */
    public GroupMeters(GroupStore store, MeterRegistry registry) {
        Gauge.builder("disco.api.groups.stored", store, GroupStore::size)
                .description("Groups in the store, those expired but not yet swept included")
                .strongReference(true)
                .register(registry);
        created = change(registry, "created");
        updated = change(registry, "updated");
        deleted = change(registry, "deleted");
        expired = change(registry, "expired");
    }

    private static Counter change(MeterRegistry registry, String change) {
        return Counter.builder("disco.api.group.changes")
                .description("Changes to groups: created, updated (replaced or patched), deleted, expired (swept)")
                .tag("change", change)
                .register(registry);
    }

    @Override
    public void created(StoredGroup group, InetAddress client) {
        created.increment();
    }

    @Override
    public void updated(StoredGroup group, InetAddress client) {
        updated.increment();
    }

    @Override
    public void deleted(StoredGroup group, InetAddress client) {
        deleted.increment();
    }

    @Override
    public void expired(StoredGroup group) {
        expired.increment();
    }
}
