package io.disco.api.store;

class InMemoryAppStoreTest extends AppStoreContract {

    @Override
    protected GroupStore openGroups() {
        return new InMemoryGroupStore();
    }

    @Override
    protected AppStore openApps(GroupStore groups) {
        return new InMemoryAppStore(groups);
    }
}
