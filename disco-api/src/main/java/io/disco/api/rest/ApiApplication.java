package io.disco.api.rest;

import io.disco.api.apps.AppRegistry;
import io.disco.api.group.GroupRegistry;
import io.disco.api.ice.IceServersIssuer;
import io.disco.common.json.ObjectMapperResolver;
import java.util.Optional;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The Jersey application of the discovery API, wired with already-built services.
 *
 * <p>The resource is registered as a class, bound to the built registry. Registered built, Jersey
 * would call it without looking it up in the injection container, but it warns at every start
 * that it ignores the instance as a provider, and the lookup saved measured below this machine's
 * noise.
 */
public final class ApiApplication extends ResourceConfig {

    public ApiApplication(GroupRegistry registry, IceServersIssuer ice, long maxBodyBytes) {
        this(registry, Optional.empty(), ice, maxBodyBytes);
    }

    /** @param apps the admin API's registry, when the server has an admin token; without, there is no {@code /apps} */
    public ApiApplication(GroupRegistry registry, Optional<AppRegistry> apps, IceServersIssuer ice, long maxBodyBytes) {
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(registry).to(GroupRegistry.class);
                bind(ice).to(IceServersIssuer.class);
                apps.ifPresent(app -> bind(app).to(AppRegistry.class));
            }
        });
        register(GroupResource.class);
        register(IceResource.class);
        register(NoIceServersMapper.class);
        register(NoStore.Binding.class);
        if (apps.isPresent()) {
            register(AppResource.class);
            register(AppExceptionMapper.class);
        }
        register(JacksonFeature.withoutExceptionMappers());
        register(ObjectMapperResolver.class);
        register(StoredJsonWriter.ForListing.class);
        register(StoredJsonWriter.ForGroupId.class);
        register(new BodySizeLimit(maxBodyBytes));
        register(SignedRequests.class);
        register(LenientJsonContentType.class);
        register(CreatedStatusFilter.class);
        register(GroupExceptionMapper.class);
        register(StoreUnavailableMapper.class);
        register(JsonExceptionMapper.class);
        register(WebApplicationExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
        // Only what is registered here: no scanning of the classpath for features and providers
        // (Jersey's own and the JSON modules'), no WADL, no Bean Validation.
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
        property(ServerProperties.JSON_PROCESSING_FEATURE_DISABLE, true);
        property(ServerProperties.JSON_BINDING_FEATURE_DISABLE, true);
        property(ServerProperties.MOXY_JSON_FEATURE_DISABLE, true);
        property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
