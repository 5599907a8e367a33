package io.disco.turn.peer;

import io.disco.common.net.Cidr;

/**
 * One rule of the peer filter: a range, whether it lets peers in it be relayed to, and where the
 * rule came from, for the log line that explains a refusal.
 */
public record PeerRule(Cidr range, boolean allow, String origin) {

    @Override
    public String toString() {
        return origin + " " + range;
    }
}
