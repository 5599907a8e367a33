package io.disco.signal.cluster;

/**
 * The keys and channels of a cluster of routers in Redis, under the deployment's prefix.
 *
 * <ul>
 *   <li>{@code cluster:node-seq}: the counter new routers take their node number from;
 *   <li>{@code cluster:nodes}: the node numbers of the routers in the cluster;
 *   <li>{@code cluster:node:N}: there while router N lives (it expires after three heartbeats);
 *   <li>{@code cluster:realms}: the realms with routes;
 *   <li>{@code cluster:callee-seq}: the counter that orders the callees of shared registrations;
 *   <li>{@code cluster:routes:REALM}: a hash of the realm's routes ({@link RouteKey}) to who holds
 *       them ({@link Holders});
 *   <li>channel {@code cluster:changes}: every change of a route, and every router gone;
 *   <li>channel {@code cluster:to:N}: what router N is sent by the others ({@link NodeMessage});
 *   <li>channel {@code cluster:meta}: a meta procedure every router answers for itself, on
 *       {@code cluster:meta:N} to the router N that asked ({@link MetaAsks}).
 * </ul>
 */
record ClusterKeyspace(String prefix) {

    String nodeSequence() {
        return prefix + "cluster:node-seq";
    }

    String nodes() {
        return prefix + "cluster:nodes";
    }

    String node(int node) {
        return prefix + "cluster:node:" + node;
    }

    String calleeOrder() {
        return prefix + "cluster:callee-seq";
    }

    String realms() {
        return prefix + "cluster:realms";
    }

    /** The routes' hash of every realm is this and the realm's name. */
    String routesOf() {
        return prefix + "cluster:routes:";
    }

    String routes(String realm) {
        return routesOf() + realm;
    }

    String changes() {
        return prefix + "cluster:changes";
    }

    String inbox(int node) {
        return prefix + "cluster:to:" + node;
    }

    String metaAsks() {
        return prefix + "cluster:meta";
    }

    String metaAnswers(int node) {
        return prefix + "cluster:meta:" + node;
    }
}
