package io.disco.api.ice;

import io.disco.common.apps.AppId;
import io.disco.common.ice.IceServer;
import io.disco.common.ice.IceServers;
import io.disco.common.ice.IceUrl;
import io.disco.common.ice.TurnRestCredential;
import io.disco.redis.fleet.TurnFleet;
import io.disco.redis.fleet.TurnNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands a client the STUN and TURN servers it may use, TURN with a credential of the TURN REST API
 * signed with the secret the TURN servers share: username {@code expiry:AppID} for a registered
 * application, so that the relay knows whose allocation it is, {@code expiry} alone in open mode.
 * With a fleet ({@code --cluster}), the servers are its live ones that take allocations, least
 * loaded first, each with its own entries; with none live, or no fleet, those of {@code --ice-url}.
 */
public final class IceServersIssuer {

    private final IceConfig config;
    private final Optional<LocalRelay> localRelay;
    private final Optional<TurnFleet> fleet;
    private final Clock clock;

    public IceServersIssuer(IceConfig config, Optional<LocalRelay> localRelay, Optional<TurnFleet> fleet,
            Clock clock) {
        this.config = config;
        this.localRelay = localRelay;
        this.fleet = fleet;
        this.clock = clock;
    }

    /**
     * @param app         the calling application, in registered mode
     * @param requestHost the host the request named, where the local relay is reached
     * @throws NoIceServersException when there are no servers to hand out, or TURN servers but no
     *                               secret to sign their credentials with
     */
    public IceServers issue(Optional<AppId> app, String requestHost) {
        List<TurnNode> live = fleet.map(TurnFleet::available).orElse(List.of());
        List<List<IceUrl>> relays = live.isEmpty() ? List.of(configured(requestHost))
                : live.stream().map(TurnNode::urls).toList();
        List<IceServer> servers = new ArrayList<>(2 * relays.size());
        Optional<TurnRestCredential> credential = Optional.empty();
        for (List<IceUrl> urls : relays) {
            List<IceUrl> stun = urls.stream().filter(url -> !url.scheme().isTurn()).toList();
            List<IceUrl> turn = urls.stream().filter(url -> url.scheme().isTurn()).toList();
            if (!stun.isEmpty()) {
                servers.add(IceServer.stun(stun));
            }
            if (!turn.isEmpty()) {
                credential = credential.or(() -> Optional.of(credential(app)));
                servers.add(IceServer.turn(turn, credential.get()));
            }
        }
        return new IceServers(servers, config.ttl().toSeconds());
    }

    /** {@code --ice-url}, or this process's relay. */
    private List<IceUrl> configured(String requestHost) {
        List<IceUrl> urls = config.urls().isEmpty()
                ? localRelay.map(relay -> relay.urls(requestHost)).orElse(List.of())
                : config.urls();
        if (urls.isEmpty()) {
            throw new NoIceServersException("no ICE servers are configured on this server (--ice-url)");
        }
        return urls;
    }

    private TurnRestCredential credential(Optional<AppId> app) {
        String secret = config.signingSecret().orElseThrow(() -> new NoIceServersException(
                "no TURN credentials to issue: this server has no --auth-secret"));
        return TurnRestCredential.issue(secret, clock.instant().plus(config.ttl()), app.map(AppId::value));
    }
}
