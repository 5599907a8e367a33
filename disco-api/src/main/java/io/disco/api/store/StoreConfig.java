package io.disco.api.store;

/**
 * Which store keeps the discovery service's groups, as its configuration says. One record per
 * kind of store; each opens its own, so adding a store is adding a record.
 */
public sealed interface StoreConfig {

    /** A new store of this kind, owned by the caller, who closes it. */
    GroupStore open();

    /** Groups in memory, lost on restart, like the original's. */
    record Memory() implements StoreConfig {
        @Override
        public GroupStore open() {
            return new InMemoryGroupStore();
        }
    }
}
