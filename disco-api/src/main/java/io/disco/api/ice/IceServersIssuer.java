package io.disco.api.ice;

import io.disco.common.apps.AppId;
import io.disco.common.ice.IceServer;
import io.disco.common.ice.IceServers;
import io.disco.common.ice.IceUrl;
import io.disco.common.ice.TurnRestCredential;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands a client the STUN and TURN servers it may use, TURN with a credential of the TURN REST API
 * signed with the secret the TURN servers share: username {@code expiry:AppID} for a registered
 * application, so that the relay knows whose allocation it is, {@code expiry} alone in open mode.
 */
public final class IceServersIssuer {

    private final IceConfig config;
    private final Optional<LocalRelay> localRelay;
    private final Clock clock;

    public IceServersIssuer(IceConfig config, Optional<LocalRelay> localRelay, Clock clock) {
        this.config = config;
        this.localRelay = localRelay;
        this.clock = clock;
    }

    /**
     * @param app         the calling application, in registered mode
     * @param requestHost the host the request named, where the local relay is reached
     * @throws NoIceServersException when there are no servers to hand out, or TURN servers but no
     *                               secret to sign their credentials with
     */
    public IceServers issue(Optional<AppId> app, String requestHost) {
        List<IceUrl> urls = config.urls().isEmpty()
                ? localRelay.map(relay -> relay.urls(requestHost)).orElse(List.of())
                : config.urls();
        if (urls.isEmpty()) {
            throw new NoIceServersException("no ICE servers are configured on this server (--ice-url)");
        }
        List<IceUrl> stun = urls.stream().filter(url -> !url.scheme().isTurn()).toList();
        List<IceUrl> turn = urls.stream().filter(url -> url.scheme().isTurn()).toList();
        List<IceServer> servers = new ArrayList<>(2);
        if (!stun.isEmpty()) {
            servers.add(IceServer.stun(stun));
        }
        if (!turn.isEmpty()) {
            String secret = config.signingSecret().orElseThrow(() -> new NoIceServersException(
                    "no TURN credentials to issue: this server has no --auth-secret"));
            Instant expiry = clock.instant().plus(config.ttl());
            servers.add(IceServer.turn(turn, TurnRestCredential.issue(secret, expiry, app.map(AppId::value))));
        }
        return new IceServers(servers, config.ttl().toSeconds());
    }
}
