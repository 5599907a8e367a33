package io.disco.api.store;

class InMemoryGroupStoreTest extends GroupStoreContract {

    @Override
    protected GroupStore openEmpty() {
        return new InMemoryGroupStore();
    }
}
