package io.disco.redis.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.disco.common.ice.IceUrl;
import io.disco.common.json.DiscoJson;
import io.disco.common.net.IpLiteral;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TURN server of the fleet as it announced itself.
 *
 * @param id          its own for as long as it runs (a restarted server is a new one)
 * @param urls        where clients reach it, as {@code GET /ice-servers} hands them out ({@code --ice-url})
 * @param allocations the allocations it held when it announced itself: its load
 * @param draining    whether it turns new allocations away
 */
public record TurnNode(String id, List<IceUrl> urls, long allocations, boolean draining) {

    private static final int DEFAULT_PORT = 3478;

    public TurnNode {
        Objects.requireNonNull(id, "id");
        urls = List.copyOf(urls);
    }

    /** What is stored under the node's key; the id is the key's. */
    private record Announced(@JsonProperty("urls") List<String> urls, @JsonProperty("allocations") long allocations,
                             @JsonProperty("draining") boolean draining) {
    }

    String json() {
        try {
            return DiscoJson.mapper().writeValueAsString(
                    new Announced(urls.stream().map(IceUrl::toString).toList(), allocations, draining));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a TURN node always maps to JSON", e);
        }
    }

    /** The node {@code id} announced as {@code json}; empty for what no disco wrote. */
    static Optional<TurnNode> parse(String id, String json) {
        try {
            Announced announced = DiscoJson.mapper().readValue(json, Announced.class);
            return Optional.of(new TurnNode(id, announced.urls().stream().map(IceUrl::parse).toList(),
                    announced.allocations(), announced.draining()));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException foreign) {
            return Optional.empty();
        }
    }

    /**
     * Where its first {@code turn:} URL over UDP (or of no stated transport) names it, as
     * ALTERNATE-SERVER carries it: an address, so only a URL naming an IP address counts.
     */
    public Optional<InetSocketAddress> stunAddress() {
        for (IceUrl url : urls) {
            if (url.scheme() == IceUrl.Scheme.TURN && url.transport().orElse(IceUrl.Transport.UDP) == IceUrl.Transport.UDP) {
                try {
                    return Optional.of(new InetSocketAddress(IpLiteral.parse(unbracketed(url.host())),
                            url.port().orElse(DEFAULT_PORT)));
                } catch (IllegalArgumentException hostName) {
                    // A name: the next URL may carry an address.
                }
            }
        }
        return Optional.empty();
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
