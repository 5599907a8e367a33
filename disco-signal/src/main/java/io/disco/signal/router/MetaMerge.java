package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.MatchPolicy;
import io.disco.signal.wamp.WampCodec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the answers of several routers to one meta procedure, each for itself, make the cluster's
 * answer. A router with nothing to say (no such session or route there) is left out of the list.
 */
enum MetaMerge {

    /** Counts, added up. */
    SUM,
    /** Lists of sessions, each held by one router, put together. */
    CONCAT,
    /** Lists of route ids, the same on every router holding the route, put together once each. */
    UNION,
    /** {@code .list}: ids per match policy, put together once each. */
    LISTING,
    /** What one router knows, which is the same wherever it is known: the first. */
    FIRST,
    /** {@code registration.match}: each router's best registration, as {@code .get} describes it; the id of the best of them. */
    BEST;

    /** @return the cluster's answer; empty when no router had anything to say */
    Optional<JsonNode> merge(List<JsonNode> answers) {
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (this) {
            case SUM -> LongNode.valueOf(answers.stream().mapToLong(JsonNode::asLong).sum());
            case CONCAT -> {
                ArrayNode all = WampCodec.list();
                answers.forEach(answer -> answer.forEach(all::add));
                yield all;
            }
            case UNION -> union(answers);
            case LISTING -> {
                ObjectNode listing = WampCodec.dict();
                for (MatchPolicy match : MatchPolicy.values()) {
                    listing.set(match.wireName(), union(answers.stream().map(answer -> answer.path(match.wireName()))
                            .toList()));
                }
                yield listing;
            }
            case FIRST -> answers.get(0);
            case BEST -> {
                JsonNode best = answers.get(0);
                for (JsonNode answer : answers) {
                    if (MatchPolicy.named(answer.path("match").asText()).outranks(answer.path("uri").asText(),
                            MatchPolicy.named(best.path("match").asText()), best.path("uri").asText())) {
                        best = answer;
                    }
                }
                yield best.path("id");
            }
        });
    }

    private static ArrayNode union(List<JsonNode> answers) {
        Set<Long> ids = new LinkedHashSet<>();
        answers.forEach(answer -> answer.forEach(id -> ids.add(id.asLong())));
        ArrayNode all = WampCodec.list();
        ids.forEach(all::add);
        return all;
    }
}
