package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Publish;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * What the other routers of the cluster ask of this one, for their sessions: a call to a callee
 * here, its cancel, a caller gone, a publication for subscribers here, and what this router says
 * to the meta API of theirs. A realm with no session here has no callee or subscriber here either.
 */
public final class NodeRequests {

    private final Router router;

    NodeRequests(Router router) {
        this.router = router;
    }

    /**
     * A caller of another router calls a procedure registered here; the answers, RESULT or ERROR
     * to the caller's request, go out through {@code answers}.
     */
    public void call(String realmName, long caller, Authentication who, Call call, Outbox answers) {
        Optional<Realm> realm = router.openRealm(realmName);
        if (realm.isEmpty()) {
            answers.send(noSuchProcedure(call));
            return;
        }
        realm.get().dealer.call(realm.get().remoteCaller(caller, who, answers), call);
    }

    public void cancel(String realmName, long caller, Cancel cancel) {
        router.openRealm(realmName).ifPresent(realm -> realm.remoteCaller(caller)
                .ifPresent(session -> realm.dealer.cancel(session, cancel)));
    }

    /** The caller left, or its router is gone: its calls here end, their callees interrupted. */
    public void callerLeft(String realmName, long caller) {
        router.openRealm(realmName).ifPresent(realm -> realm.remoteCallerLeft(caller));
    }

    /** Every caller {@code ofGoneRouter} names (by session id) left. */
    public void callersLeft(LongPredicate ofGoneRouter) {
        for (Realm realm : router.openRealms()) {
            for (long caller : realm.remoteCallers()) {
                if (ofGoneRouter.test(caller)) {
                    realm.remoteCallerLeft(caller);
                }
            }
        }
    }

    public void publish(String realmName, long publication, ObjectNode disclosed, Publish publish) {
        router.openRealm(realmName).ifPresent(realm -> realm.broker.publishFromNode(publication, disclosed, publish));
    }

    /** What this router says of itself to meta procedure {@code procedure} of another router's session. */
    public Optional<JsonNode> meta(String realmName, String procedure, ArrayNode args) {
        return router.openRealm(realmName).flatMap(realm -> realm.meta.here(procedure, args));
    }

    private static WampMessage noSuchProcedure(Call call) {
        ArrayNode args = WampCodec.list();
        args.add("no callee for " + call.procedure());
        return new WampMessage.Error(WampMessage.CALL, call.request(), WampCodec.dict(), WampErrors.NO_SUCH_PROCEDURE,
                args, null);
    }
}
