package io.disco.api.rest;

import io.disco.api.group.GroupListing;
import io.disco.api.group.GroupRegistry;
import io.disco.common.discovery.DiscoveryApi;
import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;

/** The discovery API over HTTP: the shared contract, served by the registry. */
@Singleton
public final class GroupResource implements DiscoveryApi {

    private final GroupRegistry registry;

    // The request being served, looked up at each call: Jersey binds it to a singleton's field
    // directly, and that field would keep the first request for ever.
    private final Provider<ContainerRequestContext> requests;

    @Inject
    public GroupResource(GroupRegistry registry, Provider<ContainerRequestContext> requests) {
        this.registry = registry;
        this.requests = requests;
    }

    @Override
    public GroupId createGroup(Group group) {
        Group input = RequestBodies.required(group);
        return new GroupId(registry.createOrReplace(input, SignedRequests.of(requests.get(), input.id())));
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
        return new GroupId(registry.update(id, RequestBodies.required(group), SignedRequests.of(requests.get(), id)));
    }

    @Override
    public String deleteGroup(String id) {
        registry.delete(id, SignedRequests.of(requests.get(), id));
        return DiscoveryApi.deletedMessage(id);
    }
}
