package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.MatchPolicy;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Result;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The session meta API: procedures under {@code wamp.} that the router answers itself, about its
 * sessions, registrations and subscriptions, and the join and leave meta events.
 */
final class MetaApi {

    static final String ON_JOIN = "wamp.session.on_join";
    static final String ON_LEAVE = "wamp.session.on_leave";

    private final Realm realm;
    private final Dealer dealer;
    private final Broker broker;

    MetaApi(Realm realm, Dealer dealer, Broker broker) {
        this.realm = realm;
        this.dealer = dealer;
        this.broker = broker;
    }

    void joined(WampSession session) {
        ArrayNode args = WampCodec.list();
        args.add(session.details());
        broker.publishFromRouter(ON_JOIN, args);
    }

    void left(WampSession session) {
        ArrayNode args = WampCodec.list();
        args.add(session.id);
        args.add(session.authid());
        args.add(session.authrole());
        broker.publishFromRouter(ON_LEAVE, args);
    }

    void call(WampSession caller, Call call) {
        ArrayNode args = call.args() == null ? WampCodec.list() : call.args();
        ArrayNode result = WampCodec.list();
        switch (call.procedure()) {
            case "wamp.session.count" -> result.add(sessions(args).size());
            case "wamp.session.list" -> {
                ArrayNode ids = result.addArray();
                sessions(args).forEach(session -> ids.add(session.id));
            }
            case "wamp.session.get" -> {
                Optional<WampSession> session = realm.session(args.path(0).asLong());
                if (session.isEmpty()) {
                    caller.refuse(WampMessage.CALL, call.request(), WampErrors.NO_SUCH_SESSION,
                            "no session " + args.path(0).asText());
                    return;
                }
                result.add(session.get().details());
            }
            case "wamp.registration.list" -> result.add(listing(dealer::all));
            case "wamp.registration.lookup" -> {
                MatchPolicy match = matchOption(args);
                result.add(match == null ? null
                        : dealer.lookup(args.path(0).asText(), match).map(r -> r.id).orElse(null));
            }
            case "wamp.registration.match" -> result.add(dealer.match(args.path(0).asText()).map(r -> r.id).orElse(null));
            case "wamp.registration.get", "wamp.registration.list_callees", "wamp.registration.count_callees" -> {
                Optional<Registration> registration = dealer.byId(args.path(0).asLong());
                if (registration.isEmpty()) {
                    caller.refuse(WampMessage.CALL, call.request(), WampErrors.NO_SUCH_REGISTRATION,
                            "no registration " + args.path(0).asText());
                    return;
                }
                result.add(about(call.procedure(), registration.get()));
            }
            case "wamp.subscription.list" -> result.add(listing(broker::all));
            case "wamp.subscription.lookup" -> {
                MatchPolicy match = matchOption(args);
                result.add(match == null ? null
                        : broker.lookup(args.path(0).asText(), match).map(s -> s.id).orElse(null));
            }
            case "wamp.subscription.match" -> {
                var matching = broker.matching(args.path(0).asText());
                if (matching.isEmpty()) {
                    result.addNull();
                } else {
                    ArrayNode ids = result.addArray();
                    matching.forEach(subscription -> ids.add(subscription.id));
                }
            }
            case "wamp.subscription.get", "wamp.subscription.list_subscribers",
                    "wamp.subscription.count_subscribers" -> {
                Optional<Subscription> subscription = broker.byId(args.path(0).asLong());
                if (subscription.isEmpty()) {
                    caller.refuse(WampMessage.CALL, call.request(), WampErrors.NO_SUCH_SUBSCRIPTION,
                            "no subscription " + args.path(0).asText());
                    return;
                }
                result.add(about(call.procedure(), subscription.get()));
            }
            default -> {
                caller.refuse(WampMessage.CALL, call.request(), WampErrors.NO_SUCH_PROCEDURE,
                        "no meta procedure " + call.procedure());
                return;
            }
        }
        caller.send(new Result(call.request(), WampCodec.dict(), result, null));
    }

    /** The sessions, optionally only those whose authrole is in the first argument's list. */
    private Collection<WampSession> sessions(ArrayNode args) {
        JsonNode filter = args.get(0);
        if (filter == null || !filter.isArray()) {
            return realm.sessions();
        }
        Set<String> roles = new HashSet<>();
        filter.forEach(role -> roles.add(role.asText()));
        return realm.sessions().stream().filter(session -> roles.contains(session.authrole())).toList();
    }

    private static MatchPolicy matchOption(ArrayNode args) {
        return MatchPolicy.named(args.path(1).path("match").textValue());
    }

    private static ObjectNode listing(Function<MatchPolicy, Collection<? extends Route>> all) {
        ObjectNode listing = WampCodec.dict();
        for (MatchPolicy match : MatchPolicy.values()) {
            ArrayNode ids = listing.putArray(match.wireName());
            all.apply(match).forEach(route -> ids.add(route.id));
        }
        return listing;
    }

    /** What {@code .get}, {@code .list_*} and {@code .count_*} answer about a route. */
    private static JsonNode about(String procedure, Route route) {
        if (procedure.startsWith("wamp.registration.count_") || procedure.startsWith("wamp.subscription.count_")) {
            return IntNode.valueOf(route.sessions().size());
        }
        if (procedure.endsWith(".get")) {
            ObjectNode details = WampCodec.dict();
            details.put("id", route.id);
            details.put("created", route.created.toString());
            details.put("uri", route.uri);
            details.put("match", route.match.wireName());
            if (route instanceof Registration registration) {
                details.put("invoke", registration.invoke.wireName());
            }
            return details;
        }
        ArrayNode ids = WampCodec.list();
        route.sessions().forEach(session -> ids.add(session.id));
        return ids;
    }
}
