package io.disco.common.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.disco.common.ice.IceApi;
import io.disco.common.ice.IceServers;
import io.disco.common.json.DiscoJson;
import io.disco.common.json.ObjectMapperResolver;
import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import io.disco.common.signing.CanonicalRequest;
import io.disco.common.signing.Signatures;
import io.disco.common.signing.SigningKey;
import io.disco.common.tls.ClientTrust;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.proxy.WebResourceFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.jetty.connector.JettyClientProperties;
import org.glassfish.jersey.jetty.connector.JettyConnectorProvider;

/**
 * A client of the discovery API, built as a Jersey proxy of {@link DiscoveryApi} itself.
 *
 * <pre>{@code
 * try (DiscoClient disco = DiscoClient.builder(URI.create("https://disco.example.org:1443"))
 *         .trustCertificate(Path.of("cert.pem"))
 *         .build()) {
 *     GroupId id = disco.createGroup(Group.of("office group", "BabbleChat", peers));
 *     Map<String, Group> mine = disco.listGroups("BabbleChat");
 * }
 * }</pre>
 *
 * {@link #iceServers()} asks for the STUN and TURN servers to hand a WebRTC stack.
 *
 * A protected group is changed with the calls that take {@link SigningKey}s: they read the
 * group's {@code LastUpdated}, sign the request with each key and send the signatures in the
 * {@code Disco-Signatures} header.
 *
 * Error answers become {@link DiscoApiException}s carrying the server's message
 * ({@link GroupNotFoundException} for 404); a server that cannot be reached becomes a
 * {@link DiscoException}. Thread-safe; close it to release its connections.
 */
public final class DiscoClient implements DiscoveryApi, IceApi, AutoCloseable {

    private final URI baseUri;
    private final Client client;
    private final WebTarget root;
    private final DiscoveryApi proxy;
    private final IceApi ice;
    private final AppsClient apps;

    private DiscoClient(Builder builder) {
        this.baseUri = builder.baseUri;
        ClientConfig config = new ClientConfig()
                .connectorProvider(new JettyConnectorProvider())
                .register(JacksonFeature.withoutExceptionMappers())
                .register(ObjectMapperResolver.class)
                .property(JettyClientProperties.ENABLE_SSL_HOSTNAME_VERIFICATION, builder.trust.verifiesHostname());
        this.client = ClientBuilder.newBuilder()
                .withConfig(config)
                .sslContext(builder.trust.sslContext())
                .connectTimeout(builder.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(builder.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.root = client.target(baseUri);
        builder.appBearer.ifPresent(bearer -> root.register(new BearerToken(bearer)));
        this.proxy = WebResourceFactory.newResource(DiscoveryApi.class, root);
        this.ice = WebResourceFactory.newResource(IceApi.class, root);
        WebTarget admin = client.target(baseUri);
        builder.adminToken.ifPresent(token -> admin.register(new BearerToken(token)));
        this.apps = new AppsClient(this, WebResourceFactory.newResource(AppsApi.class, admin));
    }

    /** @param baseUri the server, such as {@code https://localhost:1443} */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    @Override
    public GroupId createGroup(Group group) {
        return call(() -> proxy.createGroup(group));
    }

    @Override
    public Map<String, Group> listGroups(String appId) {
        return call(() -> proxy.listGroups(appId));
    }

    /** Every group of every application. */
    public Map<String, Group> listGroups() {
        return listGroups(null);
    }

    @Override
    public Group getGroup(String id) {
        return call(() -> proxy.getGroup(id));
    }

    @Override
    public GroupId updateGroup(String id, Group group) {
        return call(() -> proxy.updateGroup(id, group));
    }

    @Override
    public String deleteGroup(String id) {
        return call(() -> proxy.deleteGroup(id));
    }

    /** Replaces protected group {@code id}, the request signed by {@code keys}. */
    public GroupId updateGroup(String id, Group group, Collection<SigningKey> keys) {
        return signed(HttpMethod.PATCH, "groups/" + id, id, json(group), keys, GroupId.class);
    }

    /** Deletes protected group {@code id}, the request signed by {@code keys}. */
    public String deleteGroup(String id, Collection<SigningKey> keys) {
        return signed(HttpMethod.DELETE, "groups/" + id, id, new byte[0], keys, String.class);
    }

    /** Replaces the protected group with {@code group}'s ID by a POST, the request signed by {@code keys}. */
    public GroupId createGroup(Group group, Collection<SigningKey> keys) {
        if (group.id().isEmpty()) {
            throw new IllegalArgumentException("only a group with an ID replaces one that signatures protect");
        }
        return signed(HttpMethod.POST, "group", group.id(), json(group), keys, GroupId.class);
    }

    /**
     * The STUN and TURN servers to hand {@code RTCPeerConnection}, with TURN credentials good for
     * {@link IceServers#ttl()} seconds; in registered mode for the {@link Builder#appKey} given.
     * A server that has none to give answers 404, a {@link DiscoApiException} saying why.
     */
    @Override
    public IceServers iceServers() {
        return call(ice::iceServers, false);
    }

    /** The admin API of registered applications, authorised by {@link Builder#adminToken}. */
    public AppsClient apps() {
        return apps;
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(Supplier<T> request) {
        return call(request, true);
    }

    /** {@link #call} for the admin API, whose 404 is no group's. */
    <T> T callAdmin(Supplier<T> request) {
        return call(request, false);
    }

    private <T> T call(Supplier<T> request, boolean aboutGroups) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            throw fromAnswer(e, aboutGroups);
        } catch (ProcessingException e) {
            throw new DiscoException("discovery server " + baseUri + " failed: " + rootMessage(e), e);
        }
    }

    /** Signs against the group's {@code LastUpdated} as the server has it now, then sends. */
    private <T> T signed(String method, String path, String id, byte[] body, Collection<SigningKey> keys,
            Class<T> answer) {
        return call(() -> {
            long lastUpdated = proxy.getGroup(id).lastUpdated();
            Signatures signatures = Signatures.sign(CanonicalRequest.of(method, id, body, lastUpdated), keys);
            Invocation.Builder request = root.path(path)
                    .request(answer == String.class ? MediaType.TEXT_PLAIN_TYPE : MediaType.APPLICATION_JSON_TYPE)
                    .header(Signatures.HEADER, signatures.toString());
            return body.length == 0
                    ? request.method(method, answer)
                    : request.method(method, Entity.entity(body, MediaType.APPLICATION_JSON_TYPE), answer);
        });
    }

    /** The exact bytes that are signed and sent. */
    private static byte[] json(Group group) {
        try {
            return DiscoJson.mapper().writeValueAsBytes(group);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("group " + group.id() + " cannot be written as JSON", e);
        }
    }

    private static DiscoApiException fromAnswer(WebApplicationException e, boolean aboutGroups) {
        Response response = e.getResponse();
        int status = response.getStatus();
        String message = serverMessage(response);
        return status == 404 && aboutGroups
                ? new GroupNotFoundException(message, e)
                : new DiscoApiException(status, message, e);
    }

    /** The server's own words when it sent our error body, the status line otherwise. */
    private static String serverMessage(Response response) {
        try {
            ErrorBody body = response.readEntity(ErrorBody.class);
            if (body != null && body.error() != null) {
                return body.error();
            }
        } catch (RuntimeException notOurs) {
            // Not a JSON error body: a proxy or another server answered.
        }
        return response.getStatus() + " " + response.getStatusInfo().getReasonPhrase();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** How the client connects: whom it trusts and how long it waits. */
    public static final class Builder {
        private final URI baseUri;
        private ClientTrust trust = ClientTrust.platform();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Optional<String> appBearer = Optional.empty();
        private Optional<String> adminToken = Optional.empty();

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        /** Trust the platform's certificate authorities (the default). */
        public Builder trustPlatform() {
            this.trust = ClientTrust.platform();
            return this;
        }

        /** Trust the certificates in a PEM file, such as a self-signed server's {@code cert.pem}. */
        public Builder trustCertificate(Path pemFile) {
            this.trust = ClientTrust.certificate(pemFile);
            return this;
        }

        /** Trust any certificate for any name. Never in production. */
        public Builder skipVerify() {
            this.trust = ClientTrust.skipVerify();
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Presents application {@code appId}'s key with every group request and
         * {@link DiscoClient#iceServers()}, as a server in registered mode requires:
         * {@code Authorization: Bearer <AppID>:<key>}.
         */
        public Builder appKey(String appId, String key) {
            this.appBearer = Optional.of(RegisteredApp.bearer(Objects.requireNonNull(appId, "appId"),
                    Objects.requireNonNull(key, "key")));
            return this;
        }

        /** The server's admin token, which {@link #apps()} presents. */
        public Builder adminToken(String token) {
            this.adminToken = Optional.of(Objects.requireNonNull(token, "token"));
            return this;
        }

        public DiscoClient build() {
            return new DiscoClient(this);
        }
    }
}
