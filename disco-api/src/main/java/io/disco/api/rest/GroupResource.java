package io.disco.api.rest;

import io.disco.api.group.GroupListing;
import io.disco.api.group.GroupRegistry;
import io.disco.common.discovery.DiscoveryApi;
import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The discovery API over HTTP: the shared contract, served by the registry. */
@Singleton
public final class GroupResource implements DiscoveryApi {

    private final GroupRegistry registry;

    @Inject
    public GroupResource(GroupRegistry registry) {
        this.registry = registry;
    }

    @Override
    public GroupId createGroup(Group group) {
        return new GroupId(registry.createOrReplace(RequestBodies.required(group)));
    }

    @Override
    public GroupListing listGroups(String appId) {
        return registry.list(appId);
    }

    @Override
    public Group getGroup(String id) {
        return registry.get(id).group();
    }

    @Override
    public GroupId updateGroup(String id, Group group) {
        return new GroupId(registry.update(id, RequestBodies.required(group)));
    }

    @Override
    public String deleteGroup(String id) {
        registry.delete(id);
        return DiscoveryApi.deletedMessage(id);
    }
}
