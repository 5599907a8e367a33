package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.MatchPolicy;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Result;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The session meta API: procedures under {@code wamp.} that the router answers itself, about the
 * sessions, registrations and subscriptions of the realm on every router of its cluster, and the
 * join and leave meta events (of this router's sessions).
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

    /** Where an answer comes from, and what is said when none does: an ERROR, or a RESULT of null. */
    private record Procedure(MetaMerge merge, String missing, String noun) {
    }

    private static final Map<String, Procedure> PROCEDURES = Map.ofEntries(
            Map.entry("wamp.session.count", new Procedure(MetaMerge.SUM, null, null)),
            Map.entry("wamp.session.list", new Procedure(MetaMerge.CONCAT, null, null)),
            Map.entry("wamp.session.get", new Procedure(MetaMerge.FIRST, WampErrors.NO_SUCH_SESSION, "session")),
            Map.entry("wamp.registration.list", new Procedure(MetaMerge.LISTING, null, null)),
            Map.entry("wamp.registration.lookup", new Procedure(MetaMerge.FIRST, null, null)),
            Map.entry("wamp.registration.match", new Procedure(MetaMerge.BEST, null, null)),
            Map.entry("wamp.registration.get", registration(MetaMerge.FIRST)),
            Map.entry("wamp.registration.list_callees", registration(MetaMerge.CONCAT)),
            Map.entry("wamp.registration.count_callees", registration(MetaMerge.SUM)),
            Map.entry("wamp.subscription.list", new Procedure(MetaMerge.LISTING, null, null)),
            Map.entry("wamp.subscription.lookup", new Procedure(MetaMerge.FIRST, null, null)),
            Map.entry("wamp.subscription.match", new Procedure(MetaMerge.UNION, null, null)),
            Map.entry("wamp.subscription.get", subscription(MetaMerge.FIRST)),
            Map.entry("wamp.subscription.list_subscribers", subscription(MetaMerge.CONCAT)),
            Map.entry("wamp.subscription.count_subscribers", subscription(MetaMerge.SUM)));

    private static Procedure registration(MetaMerge merge) {
        return new Procedure(merge, WampErrors.NO_SUCH_REGISTRATION, "registration");
    }

    private static Procedure subscription(MetaMerge merge) {
        return new Procedure(merge, WampErrors.NO_SUCH_SUBSCRIPTION, "subscription");
    }

    /**
     * Answers for the whole cluster: what this router knows, and what the others say of
     * themselves, which comes later, on another thread; the routing thread never waits for it.
     * What this router alone can say in full (a session or route found here) is answered at once.
     */
    void call(WampSession caller, Call call) {
        Procedure procedure = PROCEDURES.get(call.procedure());
        if (procedure == null) {
            caller.refuse(WampMessage.CALL, call.request(), WampErrors.NO_SUCH_PROCEDURE,
                    "no meta procedure " + call.procedure());
            return;
        }
        ArrayNode args = call.args() == null ? WampCodec.list() : call.args();
        Optional<JsonNode> here = here(call.procedure(), args);
        if (here.isPresent() && procedure.merge() == MetaMerge.FIRST) {
            answer(caller, call.request(), args, procedure, List.of(here.get()));
            return;
        }
        realm.cluster.askOthers(call.procedure(), args).thenAccept(there -> {
            List<JsonNode> answers = new ArrayList<>();
            here.ifPresent(answers::add);
            answers.addAll(there);
            answer(caller, call.request(), args, procedure, answers);
        });
    }

    private static void answer(WampSession caller, long request, ArrayNode args, Procedure procedure,
                               List<JsonNode> answers) {
        Optional<JsonNode> merged = procedure.merge().merge(answers);
        if (merged.isEmpty() && procedure.missing() != null) {
            caller.refuse(WampMessage.CALL, request, procedure.missing(),
                    "no " + procedure.noun() + " " + args.path(0).asText());
            return;
        }
        ArrayNode result = WampCodec.list();
        result.add(merged.orElse(NullNode.getInstance()));
        caller.send(new Result(request, WampCodec.dict(), result, null));
    }

    /**
     * What this router says of itself to meta procedure {@code procedure}; empty when it has
     * nothing to say (no such session or route here). The other routers of a cluster ask it too.
     */
    Optional<JsonNode> here(String procedure, ArrayNode args) {
        return Optional.ofNullable(switch (procedure) {
            case "wamp.session.count" -> IntNode.valueOf(sessions(args).size());
            case "wamp.session.list" -> {
                ArrayNode ids = WampCodec.list();
                sessions(args).forEach(session -> ids.add(session.id));
                yield ids;
            }
            case "wamp.session.get" -> realm.session(args.path(0).asLong()).map(WampSession::details).orElse(null);
            case "wamp.registration.list" -> listing(dealer::all);
            case "wamp.registration.lookup" -> {
                MatchPolicy match = matchOption(args);
                yield match == null ? null
                        : dealer.lookup(args.path(0).asText(), match).map(r -> LongNode.valueOf(r.id)).orElse(null);
            }
            case "wamp.registration.match" -> dealer.match(args.path(0).asText()).map(MetaApi::details).orElse(null);
            case "wamp.registration.get", "wamp.registration.list_callees", "wamp.registration.count_callees" ->
                    dealer.byId(args.path(0).asLong()).map(r -> about(procedure, r)).orElse(null);
            case "wamp.subscription.list" -> listing(broker::all);
            case "wamp.subscription.lookup" -> {
                MatchPolicy match = matchOption(args);
                yield match == null ? null
                        : broker.lookup(args.path(0).asText(), match).map(s -> LongNode.valueOf(s.id)).orElse(null);
            }
            case "wamp.subscription.match" -> {
                var matching = broker.matching(args.path(0).asText());
                if (matching.isEmpty()) {
                    yield null;
                }
                ArrayNode ids = WampCodec.list();
                matching.forEach(subscription -> ids.add(subscription.id));
                yield ids;
            }
            case "wamp.subscription.get", "wamp.subscription.list_subscribers",
                    "wamp.subscription.count_subscribers" ->
                    broker.byId(args.path(0).asLong()).map(s -> about(procedure, s)).orElse(null);
            default -> null;
        });
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

    private static ObjectNode details(Route route) {
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

    /** What {@code .get}, {@code .list_*} and {@code .count_*} answer about a route. */
    private static JsonNode about(String procedure, Route route) {
        if (procedure.startsWith("wamp.registration.count_") || procedure.startsWith("wamp.subscription.count_")) {
            return IntNode.valueOf(route.sessions().size());
        }
        if (procedure.endsWith(".get")) {
            return details(route);
        }
        ArrayNode ids = WampCodec.list();
        route.sessions().forEach(session -> ids.add(session.id));
        return ids;
    }
}
