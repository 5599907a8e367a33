package io.disco.signal.cluster;

import java.util.Arrays;
import java.util.Optional;

/**
 * The routers holding a route, as its value in the realm's routes' hash: {@code INVOKE:N,N,...},
 * the invoke policy of a registration ({@code -} for a subscription) and the node numbers, in
 * the order they claimed it. The claim script writes the same form.
 */
record Holders(String invoke, int[] nodes) {

    /** The holders a value names; empty for one this router cannot read. */
    static Optional<Holders> parse(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            int[] nodes = Arrays.stream(value.substring(colon + 1).split(",")).filter(node -> !node.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            return nodes.length == 0 ? Optional.empty() : Optional.of(new Holders(value.substring(0, colon), nodes));
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
        return other instanceof Holders that && invoke.equals(that.invoke) && Arrays.equals(nodes, that.nodes);
    }

    @Override
    public int hashCode() {
        return 31 * invoke.hashCode() + Arrays.hashCode(nodes);
    }

    @Override
    public String toString() {
        return invoke + ":" + Arrays.toString(nodes);
    }
}
