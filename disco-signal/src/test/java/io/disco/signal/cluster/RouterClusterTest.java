package io.disco.signal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.redis.ClusterConfig;
import io.disco.redis.RedisLocation;
import io.disco.redis.SharedRedis;
import io.disco.redis.testing.RedisServer;
import io.disco.signal.NodeScript;
import io.disco.signal.RunningRouter;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Event;
import io.disco.signal.wamp.WampMessage.Interrupt;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampMessage.Published;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampMessage.Subscribe;
import io.disco.signal.wamp.WampMessage.Subscribed;
import io.disco.signal.wamp.WampMessage.Yield;
import io.disco.signal.wamp.WampSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two routers of one cluster on a real redis-server, each with its own Lettuce client, as two
 * hosts would be: sessions of either call and subscribe across them as on one router.
 */
class RouterClusterTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();

    private static final ObjectMapper TREES = new ObjectMapper();

    private static RedisServer redis;
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Each test's routers under a prefix of their own, so that no test sees another's routes. */
    private final String prefix = "cluster-test-" + DEPLOYMENTS.incrementAndGet() + ":";

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start("cluster");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A router of the cluster: its own Redis client, its node, and the router. */
    private final class Node implements AutoCloseable {
        final SharedRedis client;
        final RedisCluster cluster;
        final RunningRouter router;
        private boolean closed;

        Node() throws Exception {
            RedisLocation location = RedisLocation.parse("--cluster", redis.uri(), prefix, Optional.empty(),
                    Duration.ofSeconds(2));
            client = SharedRedis.of(location);
            cluster = RedisCluster.join(client, new ClusterConfig(location, HEARTBEAT));
            router = new RunningRouter(cluster);
            opened.add(this);
        }

        /** A client connected, not yet joined. */
        TestClient connect(WampSerializer serializer) throws Exception {
            TestClient client = TestClient.connect(router.uri(), serializer);
            opened.add(client);
            return client;
        }

        TestClient join() throws Exception {
            TestClient client = connect(WampSerializer.JSON);
            client.join("main");
            return client;
        }

        /** Gone without a word: no route is taken out of Redis, nobody is told. */
        void kill() {
            client.close();
            close();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                router.close();
                cluster.close();
                client.close();
            }
        }
    }

    /** Router {@code a} with a callee of {@code procedure}, router {@code b} with a caller that knows of it. */
    private record Across(Node a, Node b, TestClient callee, TestClient caller) {
    }

    private Across across(String procedure) throws Exception {
        Node a = new Node();
        Node b = new Node();
        TestClient callee = a.join();
        register(callee, procedure);
        TestClient caller = b.join();
        awaitCallee(b, procedure);
        return new Across(a, b, callee, caller);
    }

    /** CALL {@code procedure} without arguments or options. */
    private static void call(TestClient caller, long request, String procedure) {
        caller.send(new Call(request, WampCodec.dict(), procedure, list(), null));
    }

    private static long register(TestClient callee, String uri, ObjectNode options) throws Exception {
        callee.send(new Register(callee.nextRequest(), options, uri));
        return callee.expect(Registered.class).registration();
    }

    private static long register(TestClient callee, String uri) throws Exception {
        return register(callee, uri, WampCodec.dict());
    }

    private static long subscribe(TestClient subscriber, String topic, ObjectNode options) throws Exception {
        subscriber.send(new Subscribe(subscriber.nextRequest(), options, topic));
        return subscriber.expect(Subscribed.class).subscription();
    }

    /** Until {@code node} has heard of another router's registration matching {@code uri}. */
    private static void awaitCallee(Node node, String uri) throws InterruptedException {
        await(() -> node.cluster.mirror().callee("main", uri).isPresent(), "a callee of " + uri);
    }

    private static void awaitSubscribers(Node node, String topic, int routers) throws InterruptedException {
        await(() -> node.cluster.mirror().subscribers("main", topic).size() == routers,
                routers + " other router(s) subscribed to " + topic);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static ObjectNode options(String key, Object value) {
        ObjectNode options = WampCodec.dict();
        options.set(key, TREES.valueToTree(value));
        return options;
    }

    /** Arguments as a peer's frame would have them: trees of the values' own types. */
    private static ArrayNode list(Object... values) {
        return TREES.valueToTree(List.of(values));
    }

    @Test
    void aCallFromAnotherRouterCarriesArgumentsDisclosureAndProgressAcrossSerializers() throws Exception {
        Node a = new Node();
        Node b = new Node();
        TestClient callee = a.join();
        long registration = register(callee, "com.example.offer");
        TestClient caller = b.connect(WampSerializer.MSGPACK);
        long callerId = caller.join("main").session();
        awaitCallee(b, "com.example.offer");

        ObjectNode kwargs = WampCodec.dict();
        kwargs.put("sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1");
        kwargs.putArray("candidates").add(1).add("two").addObject().put("three", 3.5);
        ObjectNode callOptions = options("disclose_me", true);
        callOptions.put("receive_progress", true);
        long request = caller.nextRequest();
        caller.send(new Call(request, callOptions, "com.example.offer", list("peer", 42), kwargs));

        Invocation invocation = callee.expect(Invocation.class);
        assertEquals(registration, invocation.registration());
        assertEquals(list("peer", 42), invocation.args());
        assertEquals(kwargs, invocation.kwargs());
        assertTrue(invocation.details().path("receive_progress").asBoolean());
        assertEquals(callerId, invocation.details().path("caller").asLong());
        assertEquals("anonymous-" + callerId, invocation.details().path("caller_authid").asText());
        assertEquals("anonymous", invocation.details().path("caller_authrole").asText());

        callee.send(new Yield(invocation.request(), options("progress", true), list("half"), null));
        Result progress = caller.expect(Result.class);
        assertEquals(request, progress.request());
        assertTrue(progress.details().path("progress").asBoolean());
        assertEquals(list("half"), progress.args());

        callee.send(new Yield(invocation.request(), WampCodec.dict(), list("answer"), kwargs));
        Result result = caller.expect(Result.class);
        assertEquals(request, result.request());
        assertFalse(result.details().path("progress").asBoolean(false));
        assertEquals(list("answer"), result.args());
        assertEquals(kwargs, result.kwargs());
    }

    @Test
    void sessionIdsOfTwoRoutersCarryTheirNodeNumbers() throws Exception {
        Node a = new Node();
        Node b = new Node();
        assertNotEquals(a.cluster.node(), b.cluster.node());
        long onA = a.connect(WampSerializer.JSON).join("main").session();
        long onB = b.connect(WampSerializer.JSON).join("main").session();
        assertEquals(a.cluster.node(), ClusterNode.of(onA));
        assertEquals(b.cluster.node(), ClusterNode.of(onB));
        assertTrue(onA <= 1L << 53 && onB <= 1L << 53);
    }

    @Test
    void theCalleesErrorReachesTheCallerOnAnotherRouterUnchanged() throws Exception {
        Across across = across("com.example.fails");
        TestClient callee = across.callee();
        TestClient caller = across.caller();

        long request = caller.nextRequest();
        caller.send(new Call(request, WampCodec.dict(), "com.example.fails", list(1), null));
        Invocation invocation = callee.expect(Invocation.class);
        ObjectNode details = options("why", "busy");
        ObjectNode kwargs = options("retry", 3);
        callee.send(new WampMessage.Error(WampMessage.INVOCATION, invocation.request(), details,
                "com.example.error.busy", list("try later"), kwargs));

        WampMessage.Error error = caller.expectError(WampMessage.CALL, request, "com.example.error.busy");
        assertEquals(details, error.details());
        assertEquals(list("try later"), error.args());
        assertEquals(kwargs, error.kwargs());
    }

    @Test
    void aCallToAnotherRouterTimesOutThereAndItsCalleeIsInterrupted() throws Exception {
        Across across = across("com.example.slow");
        TestClient callee = across.callee();
        TestClient caller = across.caller();

        long request = caller.nextRequest();
        caller.send(new Call(request, options("timeout", 200), "com.example.slow", list(), null));
        Invocation invocation = callee.expect(Invocation.class);
        assertEquals(200, invocation.details().path("timeout").asLong());

        caller.expectError(WampMessage.CALL, request, WampErrors.TIMEOUT);
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertEquals(invocation.request(), interrupt.request());
        assertEquals(WampErrors.TIMEOUT, interrupt.options().path("reason").asText());
    }

    @Test
    void everyCancelModeWorksAcrossRouters() throws Exception {
        Across across = across("com.example.long");
        TestClient callee = across.callee();
        TestClient caller = across.caller();

        // kill: the callee is interrupted, and its own answer ends the call.
        long kill = caller.nextRequest();
        call(caller, kill, "com.example.long");
        Invocation killed = callee.expect(Invocation.class);
        caller.send(new Cancel(kill, options("mode", "kill")));
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertEquals(killed.request(), interrupt.request());
        assertEquals("kill", interrupt.options().path("mode").asText());
        caller.expectNothing(200);
        callee.send(new WampMessage.Error(WampMessage.INVOCATION, killed.request(), WampCodec.dict(),
                WampErrors.CANCELED, list("stopped"), null));
        assertEquals(list("stopped"),
                caller.expectError(WampMessage.CALL, kill, WampErrors.CANCELED).args());

        // killnowait: the caller hears at once, the callee is interrupted.
        long killNoWait = caller.nextRequest();
        call(caller, killNoWait, "com.example.long");
        Invocation notWaitedFor = callee.expect(Invocation.class);
        caller.send(new Cancel(killNoWait, options("mode", "killnowait")));
        caller.expectError(WampMessage.CALL, killNoWait, WampErrors.CANCELED);
        Interrupt told = callee.expect(Interrupt.class);
        assertEquals(notWaitedFor.request(), told.request());
        assertEquals("killnowait", told.options().path("mode").asText());

        // skip: the caller hears at once, the callee nothing, and its late answer goes nowhere.
        long skip = caller.nextRequest();
        call(caller, skip, "com.example.long");
        Invocation skipped = callee.expect(Invocation.class);
        caller.send(new Cancel(skip, options("mode", "skip")));
        caller.expectError(WampMessage.CALL, skip, WampErrors.CANCELED);
        callee.expectNothing(200);
        callee.send(new Yield(skipped.request(), WampCodec.dict(), list("late"), null));
        caller.expectNothing(200);
    }

    @Test
    void callsServedByAnotherRouterCountTowardsTheCallersPendingCalls() throws Exception {
        Across across = across("com.example.there");
        TestClient caller = across.caller();
        TestClient here = across.b().join();
        register(here, "com.example.here");
        // The routers allow 5 calls in flight per session: here 3, there 2, and no more anywhere.
        for (int i = 0; i < 3; i++) {
            call(caller, caller.nextRequest(), "com.example.here");
            here.expect(Invocation.class);
        }
        for (int i = 0; i < 2; i++) {
            call(caller, caller.nextRequest(), "com.example.there");
            across.callee().expect(Invocation.class);
        }
        long sixth = caller.nextRequest();
        call(caller, sixth, "com.example.there");
        caller.expectError(WampMessage.CALL, sixth, WampErrors.LIMIT_REACHED);
    }

    @Test
    void aProcedureIsRegisteredOnceAcrossRoutersUnlessShared() throws Exception {
        Node a = new Node();
        Node b = new Node();
        TestClient onA = a.join();
        TestClient onB = b.join();
        register(onA, "com.example.once");
        long request = onB.nextRequest();
        onB.send(new Register(request, WampCodec.dict(), "com.example.once"));
        onB.expectError(WampMessage.REGISTER, request, WampErrors.PROCEDURE_ALREADY_EXISTS);

        // Shared under one policy it may be held by both; under another it may not.
        register(onA, "com.example.shared", options("invoke", "roundrobin"));
        register(onB, "com.example.shared", options("invoke", "roundrobin"));
        long other = onB.nextRequest();
        onB.send(new Register(other, options("invoke", "random"), "com.example.unshared"));
        onB.expect(Registered.class);
        long refused = onA.nextRequest();
        onA.send(new Register(refused, options("invoke", "first"), "com.example.unshared"));
        onA.expectError(WampMessage.REGISTER, refused, WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void aPatternRegistrationOnAnotherRouterTakesTheCall() throws Exception {
        Node a = new Node();
        Node b = new Node();
        TestClient callee = a.join();
        long registration = register(callee, "com.example.peer.", options("match", "prefix"));
        TestClient caller = b.join();
        awaitCallee(b, "com.example.peer.alice");

        long request = caller.nextRequest();
        call(caller, request, "com.example.peer.alice");
        Invocation invocation = callee.expect(Invocation.class);
        assertEquals(registration, invocation.registration());
        assertEquals("com.example.peer.alice", invocation.details().path("procedure").asText());
        callee.send(new Yield(invocation.request(), WampCodec.dict(), list("hi"), null));
        assertEquals(list("hi"), caller.expect(Result.class).args());
    }

    @Test
    void eventsReachSubscribersOnEveryRouterWithExclusionAndAcknowledgement() throws Exception {
        Node a = new Node();
        Node b = new Node();
        TestClient first = a.join();
        TestClient excluded = a.connect(WampSerializer.MSGPACK);
        long excludedId = excluded.join("main").session();
        TestClient byPattern = a.join();
        TestClient publisher = b.join();
        TestClient neighbour = b.join();
        long exact = subscribe(first, "com.example.news", WampCodec.dict());
        subscribe(excluded, "com.example.news", WampCodec.dict());
        long prefix = subscribe(byPattern, "com.example.", options("match", "prefix"));
        subscribe(publisher, "com.example.news", WampCodec.dict());
        subscribe(neighbour, "com.example.news", WampCodec.dict());
        awaitSubscribers(b, "com.example.news", 1);

        ObjectNode publishOptions = options("acknowledge", true);
        ArrayNode exclude = publishOptions.putArray("exclude");
        exclude.add(excludedId);
        long request = publisher.nextRequest();
        publisher.send(new Publish(request, publishOptions, "com.example.news", list("extra"),
                options("n", 1)));

        Published published = publisher.expect(Published.class);
        assertEquals(request, published.request());
        Event event = first.expect(Event.class);
        assertEquals(exact, event.subscription());
        assertEquals(published.publication(), event.publication());
        assertEquals(list("extra"), event.args());
        assertEquals(options("n", 1), event.kwargs());
        Event matched = byPattern.expect(Event.class);
        assertEquals(prefix, matched.subscription());
        assertEquals("com.example.news", matched.details().path("topic").asText());
        assertEquals(published.publication(), neighbour.expect(Event.class).publication());
        excluded.expectNothing(200);
        publisher.expectNothing(0);
    }

    /** Babble's flow with Autobahn|JS, the caller and publisher on one router, the callee and subscriber on the other. */
    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void babblesFlowWorksWithAutobahnJsAcrossTwoRouters(String serializer) throws Exception {
        NodeScript.install();
        Node a = new Node();
        Node b = new Node();
        String output = NodeScript.run("babble-flow.js", "wss://localhost:" + a.router.server.port() + "/",
                serializer, "wss://localhost:" + b.router.server.port() + "/");
        for (String step : List.of("offer and answer exchanged", "callee error reached the caller unchanged",
                "unregistered", "pubsub ok", "babble flow ok over " + serializer)) {
            assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
        }
    }

    @Test
    void aKilledRoutersProceduresGoWithinThreeHeartbeatsAndItsCallsEndWithAnError() throws Exception {
        Across across = across("com.example.doomed");
        TestClient callee = across.callee();
        TestClient caller = across.caller();
        long request = caller.nextRequest();
        call(caller, request, "com.example.doomed");
        callee.expect(Invocation.class);

        long killed = System.nanoTime();
        across.a().kill();
        caller.expectError(WampMessage.CALL, request, WampErrors.CANCELED);
        Duration ended = Duration.ofNanos(System.nanoTime() - killed);
        long next = caller.nextRequest();
        call(caller, next, "com.example.doomed");
        caller.expectError(WampMessage.CALL, next, WampErrors.NO_SUCH_PROCEDURE);

        // Its key expires three heartbeats after its last; a survivor notices at its next heartbeat.
        assertTrue(ended.compareTo(HEARTBEAT.multipliedBy(5)) < 0, "the call ended " + ended + " after the kill");
    }

    @Test
    void withRedisStoppedCallsOnOneRouterGoOnAndCallsAcrossFailAtOnceUntilItIsBack() throws Exception {
        Node a = new Node();
        Node b = new Node();
        TestClient there = a.join();
        register(there, "com.example.there");
        TestClient here = b.join();
        register(here, "com.example.here");
        TestClient caller = b.join();
        awaitCallee(b, "com.example.there");
        long inFlight = caller.nextRequest();
        call(caller, inFlight, "com.example.there");
        there.expect(Invocation.class);

        redis.stop();
        try {
            caller.expectError(WampMessage.CALL, inFlight, WampErrors.NETWORK_FAILURE);

            long local = caller.nextRequest();
            caller.send(new Call(local, WampCodec.dict(), "com.example.here", list("on one router"), null));
            Invocation invocation = here.expect(Invocation.class);
            here.send(new Yield(invocation.request(), WampCodec.dict(), list("still here"), null));
            assertEquals(list("still here"), caller.expect(Result.class).args());

            long across = caller.nextRequest();
            long start = System.nanoTime();
            call(caller, across, "com.example.there");
            caller.expectError(WampMessage.CALL, across, WampErrors.NETWORK_FAILURE);
            Duration failed = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(failed.compareTo(Duration.ofMillis(500)) < 0, "failed after " + failed);
        } finally {
            redis.start();
        }

        // Neither router restarts: each connects again, announces what it holds, and reads the rest.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            long request = caller.nextRequest();
            caller.send(new Call(request, WampCodec.dict(), "com.example.there", list("again"), null));
            WampMessage answer = caller.poll(500);
            if (answer == null) {
                break; // no refusal: the callee on the other router has it
            }
            assertTrue(answer instanceof WampMessage.Error, "expected an ERROR, not " + answer);
            assertTrue(System.nanoTime() < deadline, "calls across still fail 10 s after Redis is back: " + answer);
            Thread.sleep(100);
        }
        Invocation healed = there.expect(Invocation.class);
        assertEquals(list("again"), healed.args());
        there.send(new Yield(healed.request(), WampCodec.dict(), list("back"), null));
        assertEquals(list("back"), caller.expect(Result.class).args());
    }

    /** CALL meta procedure {@code procedure} and its RESULT's first argument. */
    private static JsonNode meta(TestClient client, String procedure, Object... args)
            throws Exception {
        long request = client.nextRequest();
        client.send(new Call(request, WampCodec.dict(), procedure, list(args), null));
        Result result = client.expect(Result.class);
        assertEquals(request, result.request());
        return result.args().get(0);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asLong()));
        ids.sort(null);
        return ids;
    }

    private static List<Long> sorted(Long... ids) {
        List<Long> sorted = new ArrayList<>(List.of(ids));
        sorted.sort(null);
        return sorted;
    }

    @Test
    void theSessionMetaApiCountsListsAndFindsTheSessionsOfEveryRouterUntilOneIsKilled() throws Exception {
        Node a = new Node();
        Node b = new Node();
        long first = a.connect(WampSerializer.JSON).join("main").session();
        long second = a.connect(WampSerializer.MSGPACK).join("main").session();
        TestClient asking = b.connect(WampSerializer.JSON);
        long third = asking.join("main").session();
        assertEquals(3, meta(asking, "wamp.session.count").asInt());
        assertEquals(3, meta(asking, "wamp.session.count", List.of("anonymous")).asInt());
        assertEquals(0, meta(asking, "wamp.session.count", List.of("admin")).asInt());
        List<Long> listed = ids(meta(asking, "wamp.session.list"));
        assertEquals(sorted(first, second, third), listed);
        JsonNode details = meta(asking, "wamp.session.get", second);
        assertEquals(second, details.path("session").asLong());
        assertEquals("wamp.2.msgpack", details.path("transport").path("protocol").asText());
        long request = asking.nextRequest();
        asking.send(new Call(request, WampCodec.dict(), "wamp.session.get", list(second + 1), null));
        asking.expectError(WampMessage.CALL, request, WampErrors.NO_SUCH_SESSION);

        long killed = System.nanoTime();
        a.kill();
        await(() -> {
            try {
                return meta(asking, "wamp.session.count").asInt() == 1;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "the killed router's sessions out of the count");
        Duration gone = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(gone.compareTo(HEARTBEAT.multipliedBy(5)) < 0, "counted until " + gone + " after the kill");
    }

    @Test
    void registrationsAndSubscriptionsHaveOneIdAcrossRoutersAndTheirMetaApiAnswersForAll() throws Exception {
        Node a = new Node();
        Node b = new Node();
        TestClient onA = a.connect(WampSerializer.JSON);
        long calleeA = onA.join("main").session();
        TestClient onB = b.connect(WampSerializer.JSON);
        long calleeB = onB.join("main").session();
        long shared = register(onA, "com.example.shared", options("invoke", "roundrobin"));
        assertEquals(shared, register(onB, "com.example.shared", options("invoke", "roundrobin")));
        long there = register(onA, "com.example.there.", options("match", "prefix"));
        long topic = subscribe(onA, "com.example.news", WampCodec.dict());
        assertEquals(topic, subscribe(onB, "com.example.news", WampCodec.dict()));
        TestClient asking = b.join();
        awaitCallee(b, "com.example.there.x");

        assertEquals(shared, meta(asking, "wamp.registration.lookup", "com.example.shared").asLong());
        assertEquals(there, meta(asking, "wamp.registration.lookup", "com.example.there.",
                TREES.valueToTree(Map.of("match", "prefix"))).asLong());
        assertEquals(there, meta(asking, "wamp.registration.match", "com.example.there.x").asLong());
        JsonNode got = meta(asking, "wamp.registration.get", there);
        assertEquals("com.example.there.", got.path("uri").asText());
        assertEquals("prefix", got.path("match").asText());
        assertEquals(1, ids(meta(asking, "wamp.registration.list").path("exact")).stream()
                .filter(id -> id == shared).count());
        assertTrue(ids(meta(asking, "wamp.registration.list").path("prefix")).contains(there));
        assertEquals(2, meta(asking, "wamp.registration.count_callees", shared).asInt());
        assertEquals(1, meta(asking, "wamp.registration.count_callees", there).asInt());
        assertEquals(sorted(calleeA, calleeB), ids(meta(asking, "wamp.registration.list_callees", shared)));

        assertEquals(topic, meta(asking, "wamp.subscription.lookup", "com.example.news").asLong());
        assertEquals(List.of(topic), ids(meta(asking, "wamp.subscription.match", "com.example.news")));
        assertEquals(2, meta(asking, "wamp.subscription.count_subscribers", topic).asInt());
        assertEquals(sorted(calleeA, calleeB), ids(meta(asking, "wamp.subscription.list_subscribers", topic)));
        long request = asking.nextRequest();
        asking.send(new Call(request, WampCodec.dict(), "wamp.registration.get", list(there + 1), null));
        asking.expectError(WampMessage.CALL, request, WampErrors.NO_SUCH_REGISTRATION);
    }

    /**
     * Callee 0 on router a, then callees 1 and 2 on router b, share {@code procedure} under
     * {@code invoke}; each answers with its number.
     */
    private record Shared(Node a, Node b, List<TestClient> callees) {

        /** Which callee served a call of {@code caller}. */
        int call(TestClient caller, String procedure) throws Exception {
            long request = caller.nextRequest();
            RouterClusterTest.call(caller, request, procedure);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < callees.size(); i++) {
                    WampMessage message = callees.get(i).poll(5);
                    if (message instanceof Invocation invocation) {
                        callees.get(i).send(new Yield(invocation.request(), WampCodec.dict(), list(i), null));
                        assertEquals(list(i), caller.expect(Result.class).args());
                        return i;
                    }
                }
            }
            throw new AssertionError("no callee was invoked");
        }
    }

    private Shared shared(String procedure, String invoke) throws Exception {
        Node a = new Node();
        Node b = new Node();
        List<TestClient> callees = new ArrayList<>();
        for (Node node : List.of(a, b, b)) {
            TestClient callee = node.join();
            register(callee, procedure, options("invoke", invoke));
            callees.add(callee);
        }
        awaitSharedCallees(a, procedure, 2);
        awaitSharedCallees(b, procedure, 1);
        return new Shared(a, b, callees);
    }

    /** Until {@code node} has heard that the other router holds {@code callees} callees of {@code procedure}. */
    private static void awaitSharedCallees(Node node, String procedure, int callees) throws InterruptedException {
        await(() -> node.cluster.mirror().callee("main", procedure)
                .map(target -> java.util.Arrays.stream(target.route().others().shares())
                        .mapToInt(share -> share.callees()).sum() == callees)
                .orElse(false), callees + " callee(s) of " + procedure + " on the other router");
    }

    @ParameterizedTest
    @ValueSource(strings = {"roundrobin", "random"})
    void roundrobinAndRandomChooseOverTheCalleesOfEveryRouter(String invoke) throws Exception {
        Shared shared = shared("com.example.spread", invoke);
        TestClient caller = shared.a().join();
        int[] served = new int[3];
        int calls = invoke.equals("roundrobin") ? 6 : 60;
        for (int i = 0; i < calls; i++) {
            served[shared.call(caller, "com.example.spread")]++;
        }
        if (invoke.equals("roundrobin")) {
            assertEquals(List.of(2, 2, 2), List.of(served[0], served[1], served[2]));
        } else {
            // Each of three is left out of 60 random calls with a chance of 3 in 10^10.
            assertTrue(served[0] > 0 && served[1] > 0 && served[2] > 0, java.util.Arrays.toString(served));
        }
    }

    @Test
    void firstAndLastPickTheCalleeRegisteredFirstOrLastOnAnyRouter() throws Exception {
        Shared first = shared("com.example.first", "first");
        TestClient onB = first.b().join();
        for (int i = 0; i < 3; i++) {
            assertEquals(0, first.call(onB, "com.example.first"));
        }
        Shared last = shared("com.example.last", "last");
        TestClient onA = last.a().join();
        for (int i = 0; i < 3; i++) {
            assertEquals(2, last.call(onA, "com.example.last"));
        }
    }
}
