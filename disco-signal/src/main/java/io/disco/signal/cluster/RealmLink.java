package io.disco.signal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.router.CalleeShare;
import io.disco.signal.router.ClusterRealm;
import io.disco.signal.router.RouteId;
import io.disco.signal.router.WampSession;
import io.disco.signal.wamp.MatchPolicy;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Publish;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** One realm of this router in the cluster: its routes announced in Redis, and its calls and publications to other routers. */
final class RealmLink implements ClusterRealm {

    private final String realm;
    private final RedisCluster cluster;

    RealmLink(String realm, RedisCluster cluster) {
        this.realm = realm;
        this.cluster = cluster;
    }

    @Override
    public Optional<RouteId> claimRegistration(MatchPolicy match, String uri, String invoke, RouteId proposed,
                                               CalleeShare share) {
        return cluster.registry().claim(realm, new RouteKey(RouteKey.Kind.REGISTRATION, match, uri), invoke,
                proposed, invoke.equals("single") ? null : share);
    }

    @Override
    public long calleeOrder() {
        return cluster.registry().calleeOrder();
    }

    @Override
    public void calleesChanged(MatchPolicy match, String uri, CalleeShare share) {
        cluster.registry().shareChanged(realm, new RouteKey(RouteKey.Kind.REGISTRATION, match, uri), share);
    }

    @Override
    public void releaseRegistration(MatchPolicy match, String uri) {
        cluster.registry().release(realm, new RouteKey(RouteKey.Kind.REGISTRATION, match, uri));
    }

    @Override
    public RouteId subscribed(MatchPolicy match, String uri, RouteId proposed) {
        return cluster.registry().announce(realm, new RouteKey(RouteKey.Kind.SUBSCRIPTION, match, uri), proposed);
    }

    @Override
    public void unsubscribed(MatchPolicy match, String uri) {
        cluster.registry().release(realm, new RouteKey(RouteKey.Kind.SUBSCRIPTION, match, uri));
    }

    @Override
    public boolean call(WampSession caller, Call call, MatchPolicy localMatch, String localUri,
                        CalleeShare localShare) {
        Optional<RouteMirror.Target> target = cluster.mirror().callee(realm, call.procedure());
        if (target.isEmpty() && localMatch == null) {
            askRedis(caller, call);
            return true;
        }
        if (target.isEmpty()) {
            return false;
        }
        boolean shared = localMatch == target.get().match() && target.get().uri().equals(localUri);
        if (localMatch != null && !shared
                && !target.get().match().outranks(target.get().uri(), localMatch, localUri)) {
            return false;
        }
        int node = cluster.mirror().pick(target.get(), shared ? localShare : null);
        if (node == cluster.node()) {
            return false;
        }
        forward(caller, call, node);
        return true;
    }

    /**
     * A procedure nobody holds, as far as this router has heard: another router may have
     * registered it a moment ago, its REGISTERED already on the way to a peer that calls here
     * now, and the change not heard yet. Redis is asked before the call is refused.
     */
    private void askRedis(WampSession caller, Call call) {
        RouteKey exact = new RouteKey(RouteKey.Kind.REGISTRATION, MatchPolicy.EXACT, call.procedure());
        cluster.registry().holders(realm, exact).whenComplete((holders, failure) -> {
            int[] others = failure != null ? new int[0]
                    : holders.map(known -> known.others(cluster.node())).orElse(new int[0]);
            if (others.length == 0) {
                caller.refuse(WampMessage.CALL, call.request(), WampErrors.NO_SUCH_PROCEDURE,
                        "no callee for " + call.procedure());
            } else {
                forward(caller, call, others[0]);
            }
        });
    }

    private void forward(WampSession caller, Call call, int node) {
        RemoteCall remote = new RemoteCall(caller, call.request(), realm, node);
        if (!cluster.calls().add(remote)) {
            return; // a duplicate request id: the call in flight keeps it
        }
        cluster.channel().send(remote.node(), new NodeMessage.Invoke(realm, caller.id(), caller.authentication(), call))
                .whenComplete((heard, failure) -> {
                    if (failure != null) {
                        cluster.fail(remote, WampErrors.NETWORK_FAILURE,
                                "the router of the callee cannot be reached: Redis is out of reach");
                    } else if (heard == 0) {
                        cluster.fail(remote, WampErrors.CANCELED, "the router of the callee is gone");
                    }
                });
    }

    @Override
    public int callsElsewhere(WampSession caller) {
        return cluster.calls().of(caller.id());
    }

    @Override
    public void cancel(WampSession caller, Cancel cancel) {
        Optional<RemoteCall> remote = cluster.calls().get(caller.id(), cancel.request());
        if (remote.isEmpty()) {
            return; // answered already
        }
        cluster.channel().send(remote.get().node(), new NodeMessage.CancelCall(realm, caller.id(), cancel))
                .whenComplete((heard, failure) -> {
                    if (failure != null || heard == 0) {
                        cluster.fail(remote.get(), WampErrors.CANCELED,
                                "canceled; the router of the callee could not be told");
                    }
                });
    }

    @Override
    public void published(long publication, ObjectNode disclosed, Publish publish) {
        for (int node : cluster.mirror().subscribers(realm, publish.topic())) {
            cluster.channel().send(node, new NodeMessage.Publication(realm, publication, disclosed, publish));
        }
    }

    @Override
    public void left(WampSession session) {
        for (int node : cluster.calls().left(session.id())) {
            cluster.channel().send(node, new NodeMessage.CallerLeft(realm, session.id()));
        }
    }

    @Override
    public CompletionStage<List<JsonNode>> askOthers(String procedure, ArrayNode args) {
        return cluster.metaAsks().ask(realm, procedure, args);
    }
}
