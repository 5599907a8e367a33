package io.disco.turn;

import io.disco.common.ice.IceUrl;
import io.disco.redis.fleet.TurnFleet;
import java.util.List;
import java.util.Objects;

/**
 * A TURN server's place in its fleet ({@code --cluster}): the fleet it announces itself in, and
 * the URLs clients reach it at ({@code --ice-url}), which the discovery API hands out and a
 * draining peer names in ALTERNATE-SERVER.
 */
public record FleetMembership(TurnFleet fleet, List<IceUrl> urls) {

    public FleetMembership {
        Objects.requireNonNull(fleet, "fleet");
        urls = announced(urls);
    }

    /**
     * {@code urls}, as a relay announces them.
     *
     * @throws IllegalArgumentException when none of them is a TURN URL: the fleet would know the
     *                                  relay but could hand it to no client
     */
    public static List<IceUrl> announced(List<IceUrl> urls) {
        if (urls.stream().noneMatch(url -> url.scheme().isTurn())) {
            throw new IllegalArgumentException("--cluster needs --ice-url with this relay's turn: or turns: URL,"
                    + " which it announces to the fleet");
        }
        return List.copyOf(urls);
    }
}
