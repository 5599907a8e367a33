package io.disco.signal.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.MatchPolicy;
import io.disco.signal.wamp.Payload;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampIds;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Event;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampMessage.Published;
import io.disco.signal.wamp.WampMessage.Subscribe;
import io.disco.signal.wamp.WampMessage.Subscribed;
import io.disco.signal.wamp.WampMessage.Unsubscribe;
import io.disco.signal.wamp.WampMessage.Unsubscribed;
import io.disco.signal.wamp.WampUris;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routes events: SUBSCRIBE/UNSUBSCRIBE, PUBLISH to EVENT with acknowledgement, publisher
 * exclusion and identification, black- and whitelisting, and prefix and wildcard topics.
 */
final class Broker {

    private static final MatchPolicy[] PATTERNS = {MatchPolicy.PREFIX, MatchPolicy.WILDCARD};

    private final RouteTable<Subscription> subscriptions = new RouteTable<>();
    private final RouterLimits limits;
    private final Clock clock;
    private final ClusterRealm cluster;

    Broker(RouterLimits limits, Clock clock, ClusterRealm cluster) {
        this.limits = limits;
        this.clock = clock;
        this.cluster = cluster;
    }

    void subscribe(WampSession subscriber, Subscribe message) {
        MatchPolicy match = MatchPolicy.named(message.options().path("match").textValue());
        String uri = message.topic();
        if (match == null) {
            subscriber.refuse(WampMessage.SUBSCRIBE, message.request(), WampErrors.INVALID_ARGUMENT,
                    "unknown match policy");
            return;
        }
        if (!WampUris.isValidPattern(uri, match)) {
            subscriber.refuse(WampMessage.SUBSCRIBE, message.request(), WampErrors.INVALID_URI,
                    "invalid topic URI: " + uri);
            return;
        }
        if (subscriber.subscriptions.size() >= limits.maxSubscriptions()) {
            subscriber.refuse(WampMessage.SUBSCRIBE, message.request(), WampErrors.LIMIT_REACHED,
                    "a session may hold at most " + limits.maxSubscriptions() + " subscriptions");
            return;
        }
        Subscription subscription = subscriptions.attach(match, uri, subscriber, () -> {
            RouteId id = cluster.subscribed(match, uri, new RouteId(WampIds.random(), clock.instant()));
            return new Subscription(id.id(), uri, match, id.created());
        }, (existing, session) -> true);
        subscriber.subscriptions.put(subscription.id, subscription);
        if (subscriber.hasLeft()) {
            withdraw(subscriber, subscription);
            return;
        }
        // Subscribing twice to the same topic answers the same subscription, as the spec says.
        subscriber.send(new Subscribed(message.request(), subscription.id));
    }

    void unsubscribe(WampSession subscriber, Unsubscribe message) {
        Subscription subscription = subscriber.subscriptions.remove(message.subscription());
        if (subscription == null) {
            subscriber.refuse(WampMessage.UNSUBSCRIBE, message.request(), WampErrors.NO_SUCH_SUBSCRIPTION,
                    "no subscription " + message.subscription() + " of this session");
            return;
        }
        withdraw(subscriber, subscription);
        subscriber.send(new Unsubscribed(message.request()));
    }

    private void withdraw(WampSession subscriber, Subscription subscription) {
        subscriber.subscriptions.remove(subscription.id);
        if (subscriptions.detach(subscription, subscriber)) {
            cluster.unsubscribed(subscription.match, subscription.uri);
        }
    }

    void publish(WampSession publisher, Publish message) {
        ObjectNode options = message.options();
        boolean acknowledge = options.path("acknowledge").asBoolean(false);
        if (!WampUris.isValid(message.topic()) || WampUris.isReserved(message.topic())) {
            if (acknowledge) {
                publisher.refuse(WampMessage.PUBLISH, message.request(), WampErrors.INVALID_URI,
                        "invalid or reserved topic URI: " + message.topic());
            }
            return;
        }
        long publication = WampIds.random();
        ObjectNode disclosed = null;
        if (options.path("disclose_me").asBoolean(false)) {
            disclosed = WampCodec.dict();
            disclosed.put("publisher", publisher.id);
            disclosed.put("publisher_authid", publisher.authid());
            disclosed.put("publisher_authrole", publisher.authrole());
        }
        Audience audience = new Audience(publisher, options);
        deliver(message.topic(), publication, disclosed, audience, message.payload());
        cluster.published(publication, disclosed, message);
        if (acknowledge) {
            publisher.send(new Published(message.request(), publication));
        }
    }

    /** A publication of a session of another router of the cluster, to this router's subscribers. */
    void publishFromNode(long publication, ObjectNode disclosed, Publish message) {
        deliver(message.topic(), publication, disclosed, new Audience(null, message.options()), message.payload());
    }

    /** Meta events: published by the router itself, to every subscriber. */
    void publishFromRouter(String topic, ArrayNode args) {
        deliver(topic, WampIds.random(), null, Audience.EVERYONE, Payload.of(args, null));
    }

    private void deliver(String topic, long publication, ObjectNode disclosed, Audience audience, Payload payload) {
        Subscription exactMatch = subscriptions.exact(topic);
        if (exactMatch != null) {
            deliver(exactMatch, topic, publication, disclosed, audience, payload);
        }
        for (MatchPolicy match : PATTERNS) {
            for (Subscription subscription : subscriptions.patterns(match)) {
                if (match.matches(subscription.uri, topic)) {
                    deliver(subscription, topic, publication, disclosed, audience, payload);
                }
            }
        }
    }

    private static void deliver(Subscription subscription, String topic, long publication, ObjectNode disclosed,
                                Audience audience, Payload payload) {
        ObjectNode details = disclosed == null ? WampCodec.dict() : disclosed.deepCopy();
        if (subscription.match != MatchPolicy.EXACT) {
            details.put("topic", topic);
        }
        Event event = new Event(subscription.id, publication, details, payload);
        for (WampSession subscriber : subscription.sessions()) {
            if (audience.includes(subscriber)) {
                subscriber.send(event);
            }
        }
    }

    void leave(WampSession session) {
        for (Subscription subscription : List.copyOf(session.subscriptions.values())) {
            withdraw(session, subscription);
        }
    }

    // --- lookups, for the meta API

    Optional<Subscription> lookup(String uri, MatchPolicy match) {
        return subscriptions.lookup(uri, match);
    }

    Optional<Subscription> byId(long id) {
        return subscriptions.byId(id);
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    Collection<Subscription> all(MatchPolicy match) {
        return subscriptions.all(match);
    }

    /** Every subscription an event on {@code topic} would reach. */
    List<Subscription> matching(String topic) {
        List<Subscription> found = new ArrayList<>();
        for (MatchPolicy match : MatchPolicy.values()) {
            for (Subscription subscription : subscriptions.patterns(match)) {
                if (match.matches(subscription.uri, topic)) {
                    found.add(subscription);
                }
            }
        }
        return found;
    }

    /** Who receives a publication: PUBLISH's exclude_me, exclude and eligible options. */
    private static final class Audience {
        static final Audience EVERYONE = new Audience();

        private final WampSession excludedPublisher;
        private final Set<Long> exclude;
        private final Set<Long> eligible;
        private final Set<String> excludeAuthid;
        private final Set<String> eligibleAuthid;
        private final Set<String> excludeAuthrole;
        private final Set<String> eligibleAuthrole;

        private Audience() {
            excludedPublisher = null;
            exclude = eligible = null;
            excludeAuthid = eligibleAuthid = excludeAuthrole = eligibleAuthrole = null;
        }

        /** {@code publisher}: null when it is a session of another router. */
        Audience(WampSession publisher, ObjectNode options) {
            // Publisher exclusion is on unless the publisher turns it off.
            excludedPublisher = options.path("exclude_me").asBoolean(true) ? publisher : null;
            exclude = ids(options.get("exclude"));
            eligible = ids(options.get("eligible"));
            excludeAuthid = strings(options.get("exclude_authid"));
            eligibleAuthid = strings(options.get("eligible_authid"));
            excludeAuthrole = strings(options.get("exclude_authrole"));
            eligibleAuthrole = strings(options.get("eligible_authrole"));
        }

        boolean includes(WampSession subscriber) {
            return subscriber != excludedPublisher
                    && (exclude == null || !exclude.contains(subscriber.id))
                    && (eligible == null || eligible.contains(subscriber.id))
                    && (excludeAuthid == null || !excludeAuthid.contains(subscriber.authid()))
                    && (eligibleAuthid == null || eligibleAuthid.contains(subscriber.authid()))
                    && (excludeAuthrole == null || !excludeAuthrole.contains(subscriber.authrole()))
                    && (eligibleAuthrole == null || eligibleAuthrole.contains(subscriber.authrole()));
        }

        private static Set<Long> ids(JsonNode list) {
            if (list == null || !list.isArray()) {
                return null;
            }
            Set<Long> ids = new HashSet<>();
            list.forEach(id -> ids.add(id.asLong()));
            return ids;
        }

        private static Set<String> strings(JsonNode list) {
            if (list == null || !list.isArray()) {
                return null;
            }
            Set<String> values = new HashSet<>();
            list.forEach(value -> values.add(value.asText()));
            return values;
        }
    }
}
