package io.disco.signal.cluster;

import io.disco.signal.router.CalleeShare;
import io.disco.signal.router.RouteId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The routers holding a route, as its value in the realm's routes' hash:
 * {@code ID CREATED INVOKE:H,H,...}, the route's id and creation (Unix milliseconds) across the
 * cluster, the invoke policy of a registration ({@code -} for a subscription) and its holders in
 * the order they claimed it. A holder is a node number, and for a shared registration
 * {@code N/CALLEES/FIRST/LAST}, its {@link CalleeShare}. The claim script writes the same form.
 *
 * @param shares each holder's share, or null for one that names none (one callee, unordered)
 */
record Holders(RouteId id, String invoke, int[] nodes, CalleeShare[] shares) {

    /** The holders a value names; empty for one this router cannot read. */
    static Optional<Holders> parse(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String[] head = value.substring(0, colon).split(" ");
        if (head.length != 3) {
            return Optional.empty();
        }
        try {
            RouteId id = new RouteId(Long.parseLong(head[0]), Instant.ofEpochMilli(Long.parseLong(head[1])));
            List<String> holders = Arrays.stream(value.substring(colon + 1).split(","))
                    .filter(holder -> !holder.isEmpty()).toList();
            int[] nodes = new int[holders.size()];
            CalleeShare[] shares = new CalleeShare[holders.size()];
            for (int i = 0; i < nodes.length; i++) {
                String[] parts = holders.get(i).split("/");
                nodes[i] = Integer.parseInt(parts[0]);
                if (parts.length == 4) {
                    shares[i] = new CalleeShare(Integer.parseInt(parts[1]), Long.parseLong(parts[2]),
                            Long.parseLong(parts[3]));
                }
            }
            return nodes.length == 0 ? Optional.empty() : Optional.of(new Holders(id, head[2], nodes, shares));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** How a holder is written after its node number: its share, or nothing. */
    static String entry(CalleeShare share) {
        return share == null ? "" : "/" + share.callees() + "/" + share.first() + "/" + share.last();
    }

    /** The holders other than {@code node}, in order. */
    Holders without(int node) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != node) {
                kept.add(i);
            }
        }
        return new Holders(id, invoke, kept.stream().mapToInt(i -> nodes[i]).toArray(),
                kept.stream().map(i -> shares[i]).toArray(CalleeShare[]::new));
    }

    /** The holders other than {@code self}, in order. */
    int[] others(int self) {
        return without(self).nodes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Holders that && id.equals(that.id) && invoke.equals(that.invoke)
                && Arrays.equals(nodes, that.nodes) && Arrays.equals(shares, that.shares);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id.hashCode() + invoke.hashCode()) + Arrays.hashCode(nodes);
    }

    @Override
    public String toString() {
        return id.id() + " " + invoke + ":" + Arrays.toString(nodes) + Arrays.toString(shares);
    }
}
