package io.disco.signal.cluster;

import io.disco.signal.router.RouteId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The routers holding a route, as its value in the realm's routes' hash:
 * {@code ID CREATED INVOKE:N,N,...}, the route's id and creation (Unix milliseconds) across the
 * cluster, the invoke policy of a registration ({@code -} for a subscription) and the node
 * numbers, in the order they claimed it. The claim script writes the same form.
 */
record Holders(RouteId id, String invoke, int[] nodes) {

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
            int[] nodes = Arrays.stream(value.substring(colon + 1).split(",")).filter(node -> !node.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            return nodes.length == 0 ? Optional.empty() : Optional.of(new Holders(id, head[2], nodes));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The holders other than {@code self}, in order. */
    int[] others(int self) {
        return Arrays.stream(nodes).filter(node -> node != self).toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Holders that && id.equals(that.id) && invoke.equals(that.invoke)
                && Arrays.equals(nodes, that.nodes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id.hashCode() + invoke.hashCode()) + Arrays.hashCode(nodes);
    }

    @Override
    public String toString() {
        return id.id() + " " + invoke + ":" + Arrays.toString(nodes);
    }
}
