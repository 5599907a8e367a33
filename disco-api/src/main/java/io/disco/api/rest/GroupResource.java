package io.disco.api.rest;

import io.disco.api.audit.WriteClients;
import io.disco.api.group.GroupListing;
import io.disco.api.group.GroupRegistry;
import io.disco.common.discovery.DiscoveryApi;
import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.InetAddress;

/**
 * The discovery API over HTTP: the shared contract, served by the registry; in registered mode by
 * the registry as the calling application sees it ({@link GroupRegistry#forApp}).
 */
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
        ContainerRequestContext request = requests.get();
        return new GroupId(registry(request).createOrReplace(input, SignedRequests.of(request, input.id())));
    }

    @Override
    public GroupListing listGroups(String appId) {
        return registry(requests.get()).list(appId);
    }

    @Override
    public Group getGroup(String id) {
        return registry(requests.get()).get(id).group();
    }

    @Override
    public GroupId updateGroup(String id, Group group) {
        ContainerRequestContext request = requests.get();
        return new GroupId(registry(request).update(id, RequestBodies.required(group), SignedRequests.of(request, id)));
    }

    @Override
    public String deleteGroup(String id) {
        ContainerRequestContext request = requests.get();
        registry(request).delete(id, SignedRequests.of(request, id));
        return DiscoveryApi.deletedMessage(id);
    }

    private GroupRegistry registry(ContainerRequestContext request) {
        GroupRegistry served = CallingApp.of(request).map(registry::forApp).orElse(registry);
        return served.forClient((InetAddress) request.getProperty(WriteClients.ATTRIBUTE));
    }
}
