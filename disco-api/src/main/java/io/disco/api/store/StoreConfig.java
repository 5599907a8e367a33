package io.disco.api.store;

import io.disco.api.store.redis.RedisGroupStore;
import io.disco.api.store.sqlite.SqliteAppStore;
import io.disco.api.store.sqlite.SqliteGroupStore;
import io.disco.api.store.sqlite.StoreSync;
import io.disco.redis.RedisLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Which store keeps the discovery service's groups, as its configuration says. One record per
 * kind of store; each opens its own, so adding a store is adding a record.
 */
public sealed interface StoreConfig {

    /**
     * A new store of this kind, owned by the caller, who closes it; it logs what it is and where.
     *
     * @param clock the time a persistent store judges, when it opens, which of its groups expired
     *              while no server ran
     * @throws StoreOpenException naming the file or server when the store cannot be used
     */
    GroupStore open(Clock clock);

    /**
     * The registered applications kept beside {@code groups}, which {@link #open} opened from this
     * configuration; owned by the caller, who closes it before the groups.
     */
    AppStore openApps(GroupStore groups);

    /** Groups in memory, lost on restart, like the original's. */
    record Memory() implements StoreConfig {
        @Override
        public GroupStore open(Clock clock) {
            LoggerFactory.getLogger(StoreConfig.class).info("Groups are kept in memory only: a restart loses them");
            return new InMemoryGroupStore();
        }

        @Override
        public AppStore openApps(GroupStore groups) {
            return new InMemoryAppStore(groups);
        }
    }

    /**
     * Groups in a Redis that several API nodes share, and routers and TURN servers read the
     * registered applications from; a call that waits longer than the location's timeout answers 503.
     */
    record Redis(RedisLocation location) implements StoreConfig {

        public Redis {
            Objects.requireNonNull(location, "location");
        }

        /** Redis keeps expiry by its own clock, so the one given is not needed. */
        @Override
        public GroupStore open(Clock clock) {
            return RedisGroupStore.connect(this);
        }

        @Override
        public AppStore openApps(GroupStore groups) {
            return ((RedisGroupStore) groups).apps();
        }
    }

    /** Groups in an SQLite file, served from memory. */
    record Sqlite(Path file, StoreSync sync) implements StoreConfig {
        public Sqlite {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sync, "sync");
        }

        @Override
        public GroupStore open(Clock clock) {
            return SqliteGroupStore.open(file, sync, clock);
        }

        @Override
        public AppStore openApps(GroupStore groups) {
            return SqliteAppStore.open(file, groups);
        }
    }
}
