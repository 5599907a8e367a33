package io.disco.signal.router;

import static io.disco.signal.transport.TestClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.RunningRouter;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Error;
import io.disco.signal.wamp.WampMessage.Event;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Interrupt;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampMessage.Published;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampMessage.Subscribe;
import io.disco.signal.wamp.WampMessage.Subscribed;
import io.disco.signal.wamp.WampMessage.Unregister;
import io.disco.signal.wamp.WampMessage.Unregistered;
import io.disco.signal.wamp.WampMessage.Unsubscribe;
import io.disco.signal.wamp.WampMessage.Unsubscribed;
import io.disco.signal.wamp.WampMessage.Welcome;
import io.disco.signal.wamp.WampMessage.Yield;
import io.disco.signal.wamp.WampSerializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message flow of the router, over real TLS websockets, frame by frame. */
class RouterTest {

    private static final String BABBLE_KEY = "0X04" + "AB".repeat(64);
    private static RunningRouter router;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        router = new RunningRouter();
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (TestClient client : clients) {
            client.close();
        }
    }

    private TestClient client(WampSerializer serializer) throws Exception {
        TestClient client = TestClient.connect(router.uri(), serializer);
        clients.add(client);
        return client;
    }

    private TestClient joined(WampSerializer serializer) throws Exception {
        TestClient client = client(serializer);
        client.join("main");
        return client;
    }

    private TestClient joined() throws Exception {
        return joined(WampSerializer.JSON);
    }

    private static long register(TestClient callee, String uri, ObjectNode options) throws Exception {
        long request = callee.nextRequest();
        callee.send(new Register(request, options, uri));
        Registered registered = callee.expect(Registered.class);
        assertEquals(request, registered.request());
        return registered.registration();
    }

    private static long register(TestClient callee, String uri) throws Exception {
        return register(callee, uri, WampCodec.dict());
    }

    private static ObjectNode options(String... pairs) {
        ObjectNode options = WampCodec.dict();
        for (int i = 0; i < pairs.length; i += 2) {
            String value = pairs[i + 1];
            if (value.equals("true") || value.equals("false")) {
                options.put(pairs[i], Boolean.parseBoolean(value));
            } else if (value.matches("\\d+")) {
                options.put(pairs[i], Long.parseLong(value));
            } else {
                options.put(pairs[i], value);
            }
        }
        return options;
    }

    // --- joining

    @Test
    void welcomeAnnouncesTheRolesAndFeaturesImplemented() throws Exception {
        Welcome welcome = client(WampSerializer.JSON).join("main");
        ObjectNode details = welcome.details();
        assertEquals(List.of("realm", "authid", "authrole", "authmethod", "authprovider", "roles"),
                names(details));
        assertEquals("main", details.path("realm").asText());
        assertEquals("anonymous-" + welcome.session(), details.path("authid").asText());
        assertEquals("anonymous", details.path("authrole").asText());
        assertEquals("anonymous", details.path("authmethod").asText());
        assertEquals("static", details.path("authprovider").asText());
        JsonNode dealer = details.path("roles").path("dealer").path("features");
        for (String feature : new String[] {"call_canceling", "call_timeout", "caller_identification",
                "pattern_based_registration", "progressive_call_results", "session_meta_api",
                "shared_registration", "registration_meta_api"}) {
            assertTrue(dealer.path(feature).asBoolean(), feature);
        }
        JsonNode broker = details.path("roles").path("broker").path("features");
        for (String feature : new String[] {"pattern_based_subscription", "publisher_exclusion",
                "publisher_identification", "session_meta_api", "subscriber_blackwhite_listing",
                "subscription_meta_api"}) {
            assertTrue(broker.path(feature).asBoolean(), feature);
        }
        assertTrue(welcome.session() >= 1 && welcome.session() <= 1L << 53);
    }

    @Test
    void theAuthidAClientAsksForIsTheOneItGets() throws Exception {
        TestClient client = client(WampSerializer.JSON);
        ObjectNode details = TestClient.helloDetails(true);
        details.put("authid", "node-7");
        client.send(new Hello("main", details));
        assertEquals("node-7", client.expect(Welcome.class).details().path("authid").asText());
    }

    private static List<String> names(ObjectNode details) {
        List<String> names = new ArrayList<>();
        details.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void helloWithoutAuthmethodsIsAnonymousAsBabbleSends() throws Exception {
        TestClient client = client(WampSerializer.JSON);
        ObjectNode details = WampCodec.dict();
        details.putObject("roles").putObject("callee");
        client.send(new Hello("main", details));
        client.expect(Welcome.class);
    }

    @Test
    void anotherRealmIsAborted() throws Exception {
        TestClient client = client(WampSerializer.JSON);
        client.send(new Hello("other", TestClient.helloDetails(true)));
        Abort abort = client.expect(Abort.class);
        assertEquals(WampErrors.NO_SUCH_REALM, abort.reason());
        assertEquals("no realm other on this router", abort.details().path("message").asText());
        client.awaitClose();
    }

    @Test
    void helloWithoutRolesIsAborted() throws Exception {
        TestClient client = client(WampSerializer.JSON);
        client.send(new Hello("main", WampCodec.dict()));
        assertEquals(WampErrors.NO_SUCH_ROLE, client.expect(Abort.class).reason());
    }

    @Test
    void onlyAnonymousAuthenticationIsOffered() throws Exception {
        TestClient client = client(WampSerializer.JSON);
        ObjectNode details = TestClient.helloDetails(true);
        details.putArray("authmethods").add("ticket");
        client.send(new Hello("main", details));
        assertEquals(WampErrors.NO_AUTH_METHOD, client.expect(Abort.class).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[48,1,{},\"x\"]",
            "not json",
            "{\"a\":1}",
            "[]",
            "[1]",
            "[1,\"main\",[]]",
            "[999,1]",
    })
    void aMalformedOrOutOfOrderFirstMessageIsAProtocolViolation(String frame) throws Exception {
        TestClient client = client(WampSerializer.JSON);
        client.sendRawText(frame);
        assertEquals(WampErrors.PROTOCOL_VIOLATION, client.expect(Abort.class).reason());
        client.awaitClose();
    }

    @Test
    void aViolationClosesThatSessionOnly() throws Exception {
        TestClient good = joined();
        TestClient bad = joined();
        long registration = register(good, "com.example.echo");
        bad.sendRawText("[48,0,{},\"com.example.echo\"]");
        assertEquals(WampErrors.PROTOCOL_VIOLATION, bad.expect(Abort.class).reason());
        bad.awaitClose();
        TestClient caller = joined();
        caller.send(new Call(7, WampCodec.dict(), "com.example.echo", args("x"), null));
        Invocation invocation = good.expect(Invocation.class);
        assertEquals(registration, invocation.registration());
        good.send(new Yield(invocation.request(), WampCodec.dict(), args("x"), null));
        assertEquals(7, caller.expect(Result.class).request());
    }

    @Test
    void aSecondHelloIsAProtocolViolation() throws Exception {
        TestClient client = joined();
        client.send(new Hello("main", TestClient.helloDetails(true)));
        assertEquals(WampErrors.PROTOCOL_VIOLATION, client.expect(Abort.class).reason());
    }

    @Test
    void goodbyeIsAnsweredAndTheSessionEnds() throws Exception {
        TestClient client = joined();
        register(client, "com.example.bye");
        client.send(new Goodbye(WampCodec.dict(), WampErrors.CLOSE_NORMAL));
        assertEquals(WampErrors.GOODBYE_AND_OUT, client.expect(Goodbye.class).reason());
        client.awaitClose();
        TestClient caller = joined();
        caller.send(new Call(1, WampCodec.dict(), "com.example.bye", null, null));
        caller.expectError(WampMessage.CALL, 1, WampErrors.NO_SUCH_PROCEDURE);
    }

    // --- Babble's flow, and every serializer pairing

    @ParameterizedTest(name = "caller {0}, callee {1}")
    @CsvSource({"JSON, JSON", "MSGPACK, MSGPACK", "JSON, MSGPACK", "MSGPACK, JSON", "CBOR, JSON"})
    void babbleExchangesAnOfferAndAnAnswer(WampSerializer callerSerializer, WampSerializer calleeSerializer)
            throws Exception {
        TestClient nodeB = joined(calleeSerializer);
        TestClient nodeA = joined(callerSerializer);
        String keyB = "0X04" + Long.toHexString(System.nanoTime()).toUpperCase() + "AB".repeat(56);
        String keyA = "0X04" + "CD".repeat(64);
        long registration = register(nodeB, keyB);

        String offer = "{\"type\":\"offer\",\"sdp\":\"" + "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n"
                .repeat(60) + "\"}";
        ObjectNode timeout = options("timeout", "5000");
        nodeA.send(new Call(11, timeout, keyB, args(keyA, offer), null));
        Invocation invocation = nodeB.expect(Invocation.class);
        assertEquals(registration, invocation.registration());
        assertEquals(keyA, invocation.args().get(0).asText());
        assertEquals(offer, invocation.args().get(1).asText());

        String answer = offer.replace("offer", "answer");
        nodeB.send(new Yield(invocation.request(), WampCodec.dict(), args(answer), null));
        Result result = nodeA.expect(Result.class);
        assertEquals(11, result.request());
        assertEquals(answer, result.args().get(0).asText());

        nodeA.send(new Call(12, timeout, keyB, args(keyA, offer), null));
        Invocation second = nodeB.expect(Invocation.class);
        ObjectNode kwargs = WampCodec.dict();
        kwargs.put("why", "busy");
        nodeB.send(new Error(WampMessage.INVOCATION, second.request(), WampCodec.dict(),
                "io.babble.processing_offer", args("cannot process offer"), kwargs));
        Error error = nodeA.expectError(WampMessage.CALL, 12, "io.babble.processing_offer");
        assertEquals("cannot process offer", error.args().get(0).asText());
        assertEquals("busy", error.kwargs().path("why").asText());

        nodeB.send(new Unregister(21, registration));
        assertEquals(21, nodeB.expect(Unregistered.class).request());
        nodeA.send(new Call(13, WampCodec.dict(), keyB, args(keyA, offer), null));
        nodeA.expectError(WampMessage.CALL, 13, WampErrors.NO_SUCH_PROCEDURE);
    }

    // --- dealer errors

    @Test
    void aProcedureCanBeRegisteredOnce() throws Exception {
        TestClient first = joined();
        TestClient second = joined();
        register(first, BABBLE_KEY);
        second.send(new Register(5, WampCodec.dict(), BABBLE_KEY));
        second.expectError(WampMessage.REGISTER, 5, WampErrors.PROCEDURE_ALREADY_EXISTS);
        first.send(new Register(6, WampCodec.dict(), BABBLE_KEY));
        first.expectError(WampMessage.REGISTER, 6, WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void unregisteringWhatOneDoesNotHoldIsAnError() throws Exception {
        TestClient owner = joined();
        TestClient other = joined();
        long registration = register(owner, "com.example.mine");
        other.send(new Unregister(3, registration));
        other.expectError(WampMessage.UNREGISTER, 3, WampErrors.NO_SUCH_REGISTRATION);
        other.send(new Unregister(4, 12345));
        other.expectError(WampMessage.UNREGISTER, 4, WampErrors.NO_SUCH_REGISTRATION);
    }

    @ParameterizedTest
    @CsvSource({"com..example", "com.example.", "com example", "wamp.session.count", "com.#"})
    void invalidOrReservedUrisAreRefused(String uri) throws Exception {
        TestClient client = joined();
        client.send(new Register(8, WampCodec.dict(), uri));
        client.expectError(WampMessage.REGISTER, 8, WampErrors.INVALID_URI);
    }

    @Test
    void callingAnInvalidUriIsRefused() throws Exception {
        TestClient client = joined();
        client.send(new Call(9, WampCodec.dict(), "com..x", null, null));
        client.expectError(WampMessage.CALL, 9, WampErrors.INVALID_URI);
    }

    @Test
    void argumentsAndKeywordArgumentsPassUntouched() throws Exception {
        TestClient callee = joined(WampSerializer.MSGPACK);
        TestClient caller = joined();
        register(callee, "com.example.echo");
        ArrayNode args = WampCodec.list();
        args.add(1).add(2.5).add("three").add(true).addNull().addObject().put("nested", "yes");
        ObjectNode kwargs = WampCodec.dict();
        kwargs.putArray("list").add(Long.MAX_VALUE >> 11);
        caller.send(new Call(1, WampCodec.dict(), "com.example.echo", args, kwargs));
        Invocation invocation = callee.expect(Invocation.class);
        assertEquals(args, invocation.args());
        assertEquals(kwargs, invocation.kwargs());
        callee.send(new Yield(invocation.request(), WampCodec.dict(), null, kwargs));
        Result result = caller.expect(Result.class);
        assertEquals(kwargs, result.kwargs());
        assertEquals(0, result.args().size());
    }

    // --- cancel and timeout

    private record Pending(TestClient caller, TestClient callee, Invocation invocation) {
    }

    private Pending pendingCall(boolean calleeCancels, long request) throws Exception {
        TestClient callee = client(WampSerializer.JSON);
        callee.send(new Hello("main", TestClient.helloDetails(calleeCancels)));
        callee.expect(Welcome.class);
        TestClient caller = joined();
        String uri = "com.example.slow" + request + calleeCancels;
        register(callee, uri);
        caller.send(new Call(request, WampCodec.dict(), uri, args("work"), null));
        return new Pending(caller, callee, callee.expect(Invocation.class));
    }

    @Test
    void killnowaitAnswersAtOnceAndInterruptsTheCallee() throws Exception {
        Pending call = pendingCall(true, 31);
        call.caller.send(new Cancel(31, options("mode", "killnowait")));
        call.caller.expectError(WampMessage.CALL, 31, WampErrors.CANCELED);
        Interrupt interrupt = call.callee.expect(Interrupt.class);
        assertEquals(call.invocation.request(), interrupt.request());
        // A late answer is dropped quietly.
        call.callee.send(new Yield(call.invocation.request(), WampCodec.dict(), args("late"), null));
        call.caller.expectNothing(300);
    }

    @Test
    void skipAnswersAtOnceAndLeavesTheCalleeAlone() throws Exception {
        Pending call = pendingCall(true, 32);
        call.caller.send(new Cancel(32, options("mode", "skip")));
        call.caller.expectError(WampMessage.CALL, 32, WampErrors.CANCELED);
        call.callee.expectNothing(300);
        call.callee.send(new Yield(call.invocation.request(), WampCodec.dict(), args("late"), null));
        call.caller.expectNothing(300);
    }

    @Test
    void killWaitsForTheCalleesAnswer() throws Exception {
        Pending call = pendingCall(true, 33);
        call.caller.send(new Cancel(33, options("mode", "kill")));
        call.callee.expect(Interrupt.class);
        call.caller.expectNothing(200);
        call.callee.send(new Error(WampMessage.INVOCATION, call.invocation.request(), WampCodec.dict(),
                WampErrors.CANCELED, args("stopped"), null));
        Error error = call.caller.expectError(WampMessage.CALL, 33, WampErrors.CANCELED);
        assertEquals("stopped", error.args().get(0).asText());
    }

    @Test
    void noInterruptReachesACalleeThatDidNotAnnounceCanceling() throws Exception {
        Pending call = pendingCall(false, 34);
        call.caller.send(new Cancel(34, options("mode", "killnowait")));
        call.caller.expectError(WampMessage.CALL, 34, WampErrors.CANCELED);
        call.callee.expectNothing(300);
    }

    @Test
    void aCallTimesOutAtTheRouter() throws Exception {
        TestClient callee = joined();
        TestClient caller = joined();
        register(callee, "com.example.never");
        caller.send(new Call(41, options("timeout", "200"), "com.example.never", null, null));
        Invocation invocation = callee.expect(Invocation.class);
        assertEquals(200, invocation.details().path("timeout").asLong());
        caller.expectError(WampMessage.CALL, 41, WampErrors.TIMEOUT);
        assertEquals(invocation.request(), callee.expect(Interrupt.class).request());
    }

    // --- caller identification, progressive results, shared and pattern registrations

    @Test
    void aCallerMayDiscloseItself() throws Exception {
        TestClient callee = joined();
        TestClient caller = client(WampSerializer.JSON);
        long callerId = caller.join("main").session();
        register(callee, "com.example.who");
        caller.send(new Call(1, options("disclose_me", "true"), "com.example.who", null, null));
        assertEquals(callerId, callee.expect(Invocation.class).details().path("caller").asLong());
        caller.send(new Call(2, WampCodec.dict(), "com.example.who", null, null));
        assertFalse(callee.expect(Invocation.class).details().has("caller"));
    }

    @Test
    void progressiveResultsReachACallerThatAskedForThem() throws Exception {
        TestClient callee = joined();
        TestClient caller = joined();
        register(callee, "com.example.progress");
        caller.send(new Call(1, options("receive_progress", "true"), "com.example.progress", null, null));
        Invocation invocation = callee.expect(Invocation.class);
        assertTrue(invocation.details().path("receive_progress").asBoolean());
        for (int i = 1; i <= 3; i++) {
            callee.send(new Yield(invocation.request(), options("progress", "true"), args(i), null));
            Result partial = caller.expect(Result.class);
            assertTrue(partial.details().path("progress").asBoolean());
            assertEquals(i, partial.args().get(0).asInt());
        }
        callee.send(new Yield(invocation.request(), WampCodec.dict(), args("done"), null));
        Result last = caller.expect(Result.class);
        assertFalse(last.details().path("progress").asBoolean());
        assertEquals("done", last.args().get(0).asText());
    }

    @Test
    void sharedRegistrationsTakeTurnsRoundRobin() throws Exception {
        TestClient first = joined();
        TestClient second = joined();
        TestClient caller = joined();
        long a = register(first, "com.example.shared", options("invoke", "roundrobin"));
        long b = register(second, "com.example.shared", options("invoke", "roundrobin"));
        assertEquals(a, b);
        TestClient single = joined();
        single.send(new Register(9, WampCodec.dict(), "com.example.shared"));
        single.expectError(WampMessage.REGISTER, 9, WampErrors.PROCEDURE_ALREADY_EXISTS);
        for (int call = 1; call <= 4; call++) {
            caller.send(new Call(call, WampCodec.dict(), "com.example.shared", null, null));
            TestClient callee = call % 2 == 1 ? first : second;
            Invocation invocation = callee.expect(Invocation.class);
            callee.send(new Yield(invocation.request(), WampCodec.dict(), null, null));
            caller.expect(Result.class);
        }
    }

    @Test
    void prefixAndWildcardRegistrationsTellTheProcedureCalled() throws Exception {
        TestClient callee = joined();
        TestClient caller = joined();
        long prefix = register(callee, "com.example.prefix.", options("match", "prefix"));
        long wildcard = register(callee, "com..wild", options("match", "wildcard"));
        caller.send(new Call(1, WampCodec.dict(), "com.example.prefix.deep.name", null, null));
        Invocation first = callee.expect(Invocation.class);
        assertEquals(prefix, first.registration());
        assertEquals("com.example.prefix.deep.name", first.details().path("procedure").asText());
        caller.send(new Call(2, WampCodec.dict(), "com.anything.wild", null, null));
        Invocation second = callee.expect(Invocation.class);
        assertEquals(wildcard, second.registration());
        assertEquals("com.anything.wild", second.details().path("procedure").asText());
    }

    // --- broker

    private static long subscribe(TestClient subscriber, String topic, ObjectNode options) throws Exception {
        long request = subscriber.nextRequest();
        subscriber.send(new Subscribe(request, options, topic));
        Subscribed subscribed = subscriber.expect(Subscribed.class);
        assertEquals(request, subscribed.request());
        return subscribed.subscription();
    }

    @Test
    void publishReachesSubscribersButNotThePublisher() throws Exception {
        TestClient publisher = joined();
        TestClient subscriber = joined(WampSerializer.MSGPACK);
        long subscription = subscribe(subscriber, "com.example.news", WampCodec.dict());
        subscribe(publisher, "com.example.news", WampCodec.dict());
        publisher.send(new Publish(1, options("acknowledge", "true"), "com.example.news", args("hello"), null));
        long publication = publisher.expect(Published.class).publication();
        Event event = subscriber.expect(Event.class);
        assertEquals(subscription, event.subscription());
        assertEquals(publication, event.publication());
        assertEquals("hello", event.args().get(0).asText());
        publisher.expectNothing(200);

        publisher.send(new Publish(2, options("exclude_me", "false"), "com.example.news", args("me too"), null));
        assertEquals("me too", publisher.expect(Event.class).args().get(0).asText());
        subscriber.expect(Event.class);
    }

    @Test
    void eligibleExcludeAndDisclosureAreHonoured() throws Exception {
        TestClient publisher = client(WampSerializer.JSON);
        long publisherId = publisher.join("main").session();
        TestClient one = client(WampSerializer.JSON);
        long oneId = one.join("main").session();
        TestClient two = joined();
        subscribe(one, "com.example.list", WampCodec.dict());
        subscribe(two, "com.example.list", WampCodec.dict());

        ObjectNode exclude = options("disclose_me", "true");
        exclude.putArray("exclude").add(oneId);
        publisher.send(new Publish(1, exclude, "com.example.list", args("not for one"), null));
        Event event = two.expect(Event.class);
        assertEquals(publisherId, event.details().path("publisher").asLong());
        one.expectNothing(200);

        ObjectNode eligible = WampCodec.dict();
        eligible.putArray("eligible").add(oneId);
        publisher.send(new Publish(2, eligible, "com.example.list", args("only one"), null));
        assertEquals("only one", one.expect(Event.class).args().get(0).asText());
        two.expectNothing(200);
    }

    @Test
    void patternSubscriptionsTellTheTopic() throws Exception {
        TestClient publisher = joined();
        TestClient subscriber = joined();
        long prefix = subscribe(subscriber, "com.example.", options("match", "prefix"));
        long wildcard = subscribe(subscriber, "com..pattern", options("match", "wildcard"));
        publisher.send(new Publish(1, WampCodec.dict(), "com.example.pattern", null, null));
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Event event = subscriber.expect(Event.class);
            assertEquals("com.example.pattern", event.details().path("topic").asText());
            got.add(event.subscription());
        }
        assertTrue(got.contains(prefix) && got.contains(wildcard), got.toString());
    }

    @Test
    void unsubscribeStopsEventsAndUnknownOnesAreErrors() throws Exception {
        TestClient publisher = joined();
        TestClient subscriber = joined();
        long subscription = subscribe(subscriber, "com.example.quiet", WampCodec.dict());
        subscriber.send(new Unsubscribe(50, subscription));
        assertEquals(50, subscriber.expect(Unsubscribed.class).request());
        publisher.send(new Publish(1, WampCodec.dict(), "com.example.quiet", null, null));
        subscriber.expectNothing(200);
        subscriber.send(new Unsubscribe(51, subscription));
        subscriber.expectError(WampMessage.UNSUBSCRIBE, 51, WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    // --- sessions that end

    @Test
    void aCalleeThatLeavesEndsItsCallsAndRegistrations() throws Exception {
        TestClient callee = joined();
        TestClient caller = joined();
        register(callee, "com.example.leaving");
        caller.send(new Call(61, WampCodec.dict(), "com.example.leaving", null, null));
        callee.expect(Invocation.class);
        callee.close();
        caller.expectError(WampMessage.CALL, 61, WampErrors.CANCELED);
        caller.send(new Call(62, WampCodec.dict(), "com.example.leaving", null, null));
        caller.expectError(WampMessage.CALL, 62, WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void aCallerThatLeavesIsDroppedAtItsCallee() throws Exception {
        Pending call = pendingCall(true, 71);
        call.caller.close();
        assertEquals(call.invocation.request(), call.callee.expect(Interrupt.class).request());
    }

    // --- meta API

    private Result meta(TestClient client, long request, String procedure, ArrayNode args) throws Exception {
        client.send(new Call(request, WampCodec.dict(), procedure, args, null));
        Result result = client.expect(Result.class);
        assertEquals(request, result.request());
        return result;
    }

    @Test
    void theSessionMetaApiDescribesTheRealm() throws Exception {
        TestClient client = client(WampSerializer.JSON);
        long me = client.join("main").session();
        int count = meta(client, 1, "wamp.session.count", null).args().get(0).asInt();
        assertEquals(router.sessions(), count);
        ArrayNode ids = (ArrayNode) meta(client, 2, "wamp.session.list", null).args().get(0);
        boolean listed = false;
        for (JsonNode id : ids) {
            listed |= id.asLong() == me;
        }
        assertTrue(listed);
        ObjectNode details = (ObjectNode) meta(client, 3, "wamp.session.get", args(me)).args().get(0);
        assertEquals(me, details.path("session").asLong());
        assertEquals(List.of("session", "authid", "authrole", "authmethod", "authprovider", "transport"),
                names(details));
        assertEquals("anonymous-" + me, details.path("authid").asText());
        assertEquals("anonymous", details.path("authrole").asText());
        assertEquals("anonymous", details.path("authmethod").asText());
        assertEquals("static", details.path("authprovider").asText());
        assertEquals("wamp.2.json", details.path("transport").path("protocol").asText());
        client.send(new Call(4, WampCodec.dict(), "wamp.session.get", args(42), null));
        client.expectError(WampMessage.CALL, 4, WampErrors.NO_SUCH_SESSION);
        client.send(new Call(5, WampCodec.dict(), "wamp.no.such", null, null));
        client.expectError(WampMessage.CALL, 5, WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void theRegistrationAndSubscriptionMetaApisFindWhatExists() throws Exception {
        TestClient client = joined();
        long registration = register(client, "com.example.meta");
        long subscription = subscribe(client, "com.example.meta.topic", WampCodec.dict());
        assertEquals(registration, meta(client, 1, "wamp.registration.lookup", args("com.example.meta"))
                .args().get(0).asLong());
        assertEquals(registration, meta(client, 2, "wamp.registration.match", args("com.example.meta"))
                .args().get(0).asLong());
        ObjectNode got = (ObjectNode) meta(client, 3, "wamp.registration.get", args(registration)).args().get(0);
        assertEquals("com.example.meta", got.path("uri").asText());
        assertEquals("exact", got.path("match").asText());
        assertEquals("single", got.path("invoke").asText());
        JsonNode listing = meta(client, 4, "wamp.registration.list", null).args().get(0);
        assertTrue(listing.path("exact").toString().contains(String.valueOf(registration)));
        assertTrue(meta(client, 5, "wamp.registration.lookup", args("com.nothing")).args().get(0).isNull());

        assertEquals(subscription, meta(client, 6, "wamp.subscription.lookup", args("com.example.meta.topic"))
                .args().get(0).asLong());
        assertEquals(subscription, meta(client, 7, "wamp.subscription.match", args("com.example.meta.topic"))
                .args().get(0).get(0).asLong());
        assertEquals("com.example.meta.topic", meta(client, 8, "wamp.subscription.get", args(subscription))
                .args().get(0).path("uri").asText());
        assertTrue(meta(client, 9, "wamp.subscription.list", null).args().get(0).path("exact").toString()
                .contains(String.valueOf(subscription)));
        client.send(new Call(10, WampCodec.dict(), "wamp.subscription.get", args(1), null));
        client.expectError(WampMessage.CALL, 10, WampErrors.NO_SUCH_SUBSCRIPTION);
        client.send(new Call(11, WampCodec.dict(), "wamp.registration.count_callees", args(1), null));
        client.expectError(WampMessage.CALL, 11, WampErrors.NO_SUCH_REGISTRATION);

        assertEquals(1, meta(client, 13, "wamp.registration.count_callees", args(registration)).args().get(0).asInt());
        ArrayNode callees = (ArrayNode) meta(client, 14, "wamp.registration.list_callees", args(registration))
                .args().get(0);
        assertEquals(1, callees.size());
        assertEquals(1, meta(client, 15, "wamp.subscription.count_subscribers", args(subscription))
                .args().get(0).asInt());
        assertEquals(callees, meta(client, 16, "wamp.subscription.list_subscribers", args(subscription))
                .args().get(0));
    }

    @Test
    void joinsAndLeavesAreMetaEvents() throws Exception {
        TestClient watcher = joined();
        long onJoin = subscribe(watcher, "wamp.session.on_join", WampCodec.dict());
        long onLeave = subscribe(watcher, "wamp.session.on_leave", WampCodec.dict());
        assertNotEquals(onJoin, onLeave);
        TestClient visitor = client(WampSerializer.JSON);
        long visitorId = visitor.join("main").session();
        Event joinedEvent = watcher.expect(Event.class);
        assertEquals(onJoin, joinedEvent.subscription());
        assertEquals(visitorId, joinedEvent.args().get(0).path("session").asLong());
        visitor.send(new Goodbye(WampCodec.dict(), WampErrors.CLOSE_NORMAL));
        Event leftEvent = watcher.expect(Event.class);
        assertEquals(onLeave, leftEvent.subscription());
        assertEquals(visitorId, leftEvent.args().get(0).asLong());
    }

    // --- limits

    @Test
    void perSessionCapsAreEnforced() throws Exception {
        TestClient client = joined();
        for (int i = 0; i < 5; i++) {
            register(client, "com.example.cap" + i);
        }
        client.send(new Register(99, WampCodec.dict(), "com.example.cap5"));
        client.expectError(WampMessage.REGISTER, 99, WampErrors.LIMIT_REACHED);

        TestClient callee = joined();
        register(callee, "com.example.hold");
        for (int i = 1; i <= 5; i++) {
            client.send(new Call(100 + i, WampCodec.dict(), "com.example.hold", null, null));
            callee.expect(Invocation.class);
        }
        client.send(new Call(106, WampCodec.dict(), "com.example.hold", null, null));
        client.expectError(WampMessage.CALL, 106, WampErrors.LIMIT_REACHED);
    }

    @Test
    void aMessageOverTheSizeLimitClosesThatSession() throws Exception {
        TestClient client = joined();
        client.send(new Call(1, WampCodec.dict(), "com.example.big", args("x".repeat(70 * 1024)), null));
        // 1009: message too big.
        assertEquals(1009, client.awaitClose());
    }
}
