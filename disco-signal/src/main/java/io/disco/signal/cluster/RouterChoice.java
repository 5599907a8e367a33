package io.disco.signal.cluster;

import io.disco.signal.router.CalleeShare;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which router serves a call to a registration held by several, under its invoke policy over
 * every callee of the cluster: {@code roundrobin} and {@code random} weigh each router by its
 * callees, {@code first} and {@code last} take the router whose callee came first or last in the
 * cluster's order of registration. The router chosen then picks among its own callees by the
 * same policy, which for {@code first} and {@code last} is the very callee chosen here; for
 * {@code roundrobin} each router turns over all the callees for the calls of its own sessions.
 */
final class RouterChoice {

    private RouterChoice() {
    }

    /**
     * @param here   this router's share, or null when the call is only to be forwarded
     * @param others the other routers holding the registration
     * @param turn   the registration's turn on this router, for {@code roundrobin}
     * @return the node number of the router chosen, {@code self} for this one
     */
    static int of(String invoke, int self, CalleeShare here, Holders others, AtomicInteger turn) {
        int[] nodes = others.nodes();
        CalleeShare[] shares = others.shares();
        switch (invoke) {
            case "first", "last" -> {
                boolean first = invoke.equals("first");
                int chosen = here == null ? nodes[0] : self;
                long best = here == null ? place(shares[0], first) : place(here, first);
                for (int i = 0; i < nodes.length; i++) {
                    long place = place(shares[i], first);
                    if (first ? place < best : place > best) {
                        chosen = nodes[i];
                        best = place;
                    }
                }
                return chosen;
            }
            case "roundrobin", "random" -> {
                int total = here == null ? 0 : here.callees();
                for (CalleeShare share : shares) {
                    total += callees(share);
                }
                if (total == 0) {
                    return here == null ? nodes[0] : self;
                }
                int index = invoke.equals("random") ? ThreadLocalRandom.current().nextInt(total)
                        : Math.floorMod(turn.getAndIncrement(), total);
                if (here != null) {
                    if (index < here.callees()) {
                        return self;
                    }
                    index -= here.callees();
                }
                for (int i = 0; i < nodes.length; i++) {
                    index -= callees(shares[i]);
                    if (index < 0) {
                        return nodes[i];
                    }
                }
                return nodes[nodes.length - 1];
            }
            default -> {
                return here == null ? nodes[0] : self;
            }
        }
    }

    private static int callees(CalleeShare share) {
        return share == null ? 1 : share.callees();
    }

    private static long place(CalleeShare share, boolean first) {
        if (share == null) {
            return first ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return first ? share.first() : share.last();
    }
}
