package io.disco.turn.peer;

import io.disco.common.net.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which peers an allocation may relay to, so the relay is no open door into the server's
 * own network.
 *
 * <p>The operator's rules ({@code --allow-peer}, {@code --deny-peer}) come first and the most
 * specific one that matches decides (a deny wins a tie), so {@code --deny-peer 10.0.0.0/8
 * --allow-peer 10.1.2.3} denies the range but the one host. Only when no operator rule matches do
 * the built-in denials apply: unspecified, loopback (unless {@code --allow-loopback-peers}),
 * link-local, multicast and broadcast.
 */
public final class PeerFilter {

    private static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");
    private static final List<String> ALWAYS_DENIED = List.of(
            "0.0.0.0/8", "::/128",               // unspecified ("this network")
            "169.254.0.0/16", "fe80::/10",       // link-local
            "224.0.0.0/4", "ff00::/8",           // multicast
            "255.255.255.255/32");               // limited broadcast

    private final List<PeerRule> operatorRules;
    private final List<PeerRule> defaultRules;

    public PeerFilter(List<Cidr> allow, List<Cidr> deny, boolean allowLoopback) {
        List<PeerRule> operator = new ArrayList<>();
        deny.forEach(range -> operator.add(new PeerRule(range, false, "--deny-peer")));
        allow.forEach(range -> operator.add(new PeerRule(range, true, "--allow-peer")));
        this.operatorRules = List.copyOf(operator);
        List<PeerRule> defaults = new ArrayList<>();
        ALWAYS_DENIED.forEach(range -> defaults.add(new PeerRule(Cidr.parse(range), false, "built-in denial of")));
        if (!allowLoopback) {
            LOOPBACK.forEach(range -> defaults.add(
                    new PeerRule(Cidr.parse(range), false, "built-in denial (no --allow-loopback-peers) of")));
        }
        this.defaultRules = List.copyOf(defaults);
    }

    /** The rule that refuses {@code peer}, or null when it may be relayed to. */
    public PeerRule refusal(InetAddress peer) {
        PeerRule best = null;
        for (PeerRule rule : operatorRules) {
            if (rule.range().contains(peer) && (best == null || rule.range().prefix() > best.range().prefix()
                    || (rule.range().prefix() == best.range().prefix() && !rule.allow()))) {
                best = rule;
            }
        }
        if (best != null) {
            return best.allow() ? null : best;
        }
        for (PeerRule rule : defaultRules) {
            if (rule.range().contains(peer)) {
                return rule;
            }
        }
        return null;
    }

    public boolean allows(InetAddress peer) {
        return refusal(peer) == null;
    }
}
