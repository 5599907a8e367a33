package io.disco.signal.wamp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Authenticate;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Challenge;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WampCodecTest {

    @Test
    void decodesACallWithItsPayload() throws ProtocolViolation {
        Call call = assertInstanceOf(Call.class, WampSerializer.JSON.decode(
                "[48,7,{\"timeout\":5000},\"0X04AB\",[\"from\",\"{\\\"sdp\\\":1}\"],{\"k\":true}]"));
        assertEquals(7, call.request());
        assertEquals(5000, call.options().path("timeout").asLong());
        assertEquals("0X04AB", call.procedure());
        assertEquals("{\"sdp\":1}", call.args().get(1).asText());
        assertTrue(call.kwargs().path("k").asBoolean());
    }

    @Test
    void absentPayloadsStayAbsent() throws ProtocolViolation {
        Call call = (Call) WampSerializer.JSON.decode("[48,1,{},\"p\"]");
        assertNull(call.args());
        assertNull(call.kwargs());
        assertEquals("[50,1,{}]", WampSerializer.JSON.encodeText(new Result(1, WampCodec.dict(), null, null)));
    }

    @Test
    void keywordArgumentsAloneAreWrittenAfterAnEmptyList() {
        assertEquals("[50,1,{},[],{\"a\":1}]", WampSerializer.JSON.encodeText(
                new Result(1, WampCodec.dict(), null, WampCodec.dict().put("a", 1))));
    }

    @ParameterizedTest
    @EnumSource(WampSerializer.class)
    void everySerializerRoundTripsEveryField(WampSerializer serializer) throws ProtocolViolation {
        Error error = new Error(WampMessage.INVOCATION, WampIds.MAX, WampCodec.dict().put("x", "y"),
                "io.babble.processing_offer", WampCodec.list().add("why").add(3.5), WampCodec.dict().put("n", 1));
        WampMessage decoded = serializer.isText()
                ? serializer.decode(serializer.encodeText(error))
                : serializer.decode(serializer.encode(error));
        assertEquals(error, decoded);
    }

    /** One message of every type, each element a value no other element of it has. */
    static List<WampMessage> oneOfEachType() {
        ObjectNode dict = WampCodec.dict().put("k", "v");
        ArrayNode args = WampCodec.list().add("a").add(2);
        ObjectNode kwargs = WampCodec.dict().put("n", 1);
        return List.of(new Hello("realm1", dict), new Welcome(11, dict), new Abort(dict, "wamp.error.a"),
                new Challenge("wampcra", dict), new Authenticate("c2lnbmF0dXJl", dict),
                new Goodbye(dict, "wamp.close.b"), new Error(48, 12, dict, "io.e", args, kwargs),
                new Publish(13, dict, "io.t", args, kwargs), new Published(14, 15), new Subscribe(16, dict, "io.s"),
                new Subscribed(17, 18), new Unsubscribe(19, 20), new Unsubscribed(21),
                new Event(22, 23, dict, args, kwargs), new Call(24, dict, "io.c", args, kwargs), new Cancel(25, dict),
                new Result(26, dict, args, kwargs), new Register(27, dict, "io.r"), new Registered(28, 29),
                new Unregister(30, 31), new Unregistered(32), new Invocation(33, 34, dict, args, kwargs),
                new Interrupt(35, dict), new Yield(36, dict, args, kwargs));
    }

    @Test
    void everyMessageTypeIsWrittenInTheSpecsOrder() {
        List<String> expected = List.of("[1,\"realm1\",{\"k\":\"v\"}]", "[2,11,{\"k\":\"v\"}]",
                "[3,{\"k\":\"v\"},\"wamp.error.a\"]", "[4,\"wampcra\",{\"k\":\"v\"}]",
                "[5,\"c2lnbmF0dXJl\",{\"k\":\"v\"}]", "[6,{\"k\":\"v\"},\"wamp.close.b\"]",
                "[8,48,12,{\"k\":\"v\"},\"io.e\",[\"a\",2],{\"n\":1}]",
                "[16,13,{\"k\":\"v\"},\"io.t\",[\"a\",2],{\"n\":1}]", "[17,14,15]",
                "[32,16,{\"k\":\"v\"},\"io.s\"]", "[33,17,18]", "[34,19,20]", "[35,21]",
                "[36,22,23,{\"k\":\"v\"},[\"a\",2],{\"n\":1}]",
                "[48,24,{\"k\":\"v\"},\"io.c\",[\"a\",2],{\"n\":1}]", "[49,25,{\"k\":\"v\"}]",
                "[50,26,{\"k\":\"v\"},[\"a\",2],{\"n\":1}]", "[64,27,{\"k\":\"v\"},\"io.r\"]", "[65,28,29]",
                "[66,30,31]", "[67,32]", "[68,33,34,{\"k\":\"v\"},[\"a\",2],{\"n\":1}]", "[69,35,{\"k\":\"v\"}]",
                "[70,36,{\"k\":\"v\"},[\"a\",2],{\"n\":1}]");
        assertEquals(expected, oneOfEachType().stream().map(WampSerializer.JSON::encodeText).toList());
    }

    @ParameterizedTest
    @EnumSource(WampSerializer.class)
    void everyMessageTypeRoundTripsThroughEverySerializer(WampSerializer serializer) throws ProtocolViolation {
        for (WampMessage message : oneOfEachType()) {
            assertEquals(message, serializer.decode(serializer.encode(message)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[48,0,{},\"p\"]",
            "[48,9007199254740993,{},\"p\"]",
            "[48,-1,{},\"p\"]",
            "[48,1.5,{},\"p\"]",
            "[48,1,[],\"p\"]",
            "[48,1,{},5]",
            "[48,1,{},\"p\",{}]",
            "[48,1,{},\"p\",[],[]]",
            "[48,1,{},\"p\",[],{},\"extra\"]",
            "[1,\"main\"]",
            "[\"48\",1,{},\"p\"]",
            "[7,\"challenge\",{}]",
            "[5,{}]",
            "[4,\"wampcra\"]",
            "[]",
            "{}",
            "nonsense",
    })
    void refusesWhatIsNotAWellFormedMessage(String frame) {
        assertThrows(ProtocolViolation.class, () -> WampSerializer.JSON.decode(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[48,1,{},\"p\",{}]",
            "[48,1,{},\"p\",[],[]]",
            "[48,1,{},\"p\",[],{},\"extra\"]",
            "[48,0,{},\"p\",{}]",
            "[70,1,{},5]",
            "[8,48,1,{},\"e\",[],{},[]]",
    })
    void jsonPayloadsAreRefusedAsTreesAre(String frame) throws Exception {
        // JSON payloads are read as a stream, every other serializer's as trees: the refusal
        // names the same first wrong element either way.
        ProtocolViolation streamed = assertThrows(ProtocolViolation.class, () -> WampSerializer.JSON.decode(frame));
        ProtocolViolation asTree = assertThrows(ProtocolViolation.class,
                () -> WampCodec.decode(new ObjectMapper().readTree(frame)));
        assertEquals(asTree.getMessage(), streamed.getMessage());
    }

    @Test
    void aBrokenPayloadIsNotValidJson() {
        ProtocolViolation refused = assertThrows(ProtocolViolation.class,
                () -> WampSerializer.JSON.decode("[48,1,{},\"p\",[1,],{}]"));
        assertTrue(refused.getMessage().startsWith("frame is not valid wamp.2.json"), refused.getMessage());
    }

    @Test
    void jsonPayloadsReachJsonPeersByteForByte() throws ProtocolViolation {
        // A tree would come out as [1.5,"café",{"z":1,"a":2}] and {"k":1000.0}.
        String args = "[ 1.50, \"caf\\u00e9\", {\"z\":1,\"a\":2} ]";
        String kwargs = "{\"k\" : 1e3}";
        Call call = (Call) WampSerializer.JSON.decode("[48,7,{},\"p\"," + args + " , " + kwargs + "]");
        Invocation invocation = new Invocation(7, 9, WampCodec.dict(), call.payload());
        String expected = "[68,7,9,{}," + args + "," + kwargs + "]";
        assertEquals(expected, new String(WampSerializer.JSON.encode(invocation), StandardCharsets.UTF_8));
        assertEquals(expected, WampSerializer.JSON.encodeText(invocation));
        assertEquals("caf\u00e9", call.args().get(1).textValue());
        assertEquals(1000, call.kwargs().path("k").asInt());
    }

    @Test
    void aDecodedMessageKeepsNoViewOfTheBufferItCameIn() throws ProtocolViolation {
        ByteBuffer frame = ByteBuffer.wrap("[70,3,{},[\"answer\"]]".getBytes(StandardCharsets.UTF_8));
        Yield yield = (Yield) WampSerializer.JSON.decode(frame);
        Arrays.fill(frame.array(), (byte) ' ');
        assertEquals("[50,3,{},[\"answer\"]]",
                WampSerializer.JSON.encodeText(new Result(3, WampCodec.dict(), yield.payload())));
    }

    @Test
    void refusesDeeplyNestedFrames() {
        String deep = "[48,1,{},\"p\"," + "[".repeat(200) + "]".repeat(200) + "]";
        assertThrows(ProtocolViolation.class, () -> WampSerializer.JSON.decode(deep));
    }

    @Test
    void readsHello() throws ProtocolViolation {
        Hello hello = (Hello) WampSerializer.JSON.decode("[1,\"main\",{\"roles\":{\"caller\":{}}}]");
        assertEquals("main", hello.realm());
        assertTrue(hello.details().path("roles").has("caller"));
    }

    @Test
    void urisAreCheckedLooselyAsNexusDoes() {
        assertTrue(WampUris.isValid("0X04" + "AB".repeat(64)));
        assertTrue(WampUris.isValid("com.example-app.Procédure_1"));
        assertFalse(WampUris.isValid("com..example"));
        assertFalse(WampUris.isValid("com.example."));
        assertFalse(WampUris.isValid("com example"));
        assertFalse(WampUris.isValid(""));
        assertTrue(WampUris.isValidPattern("com..create", MatchPolicy.WILDCARD));
        assertTrue(WampUris.isValidPattern("com.example.", MatchPolicy.PREFIX));
        assertFalse(WampUris.isValidPattern("com..create", MatchPolicy.EXACT));
    }

    @Test
    void patternsMatchAsTheSpecSays() {
        assertTrue(MatchPolicy.PREFIX.matches("com.example", "com.example.add"));
        assertTrue(MatchPolicy.WILDCARD.matches("com..add", "com.example.add"));
        assertFalse(MatchPolicy.WILDCARD.matches("com..add", "com.example.sub"));
        assertFalse(MatchPolicy.WILDCARD.matches("com..add", "com.example.more.add"));
        assertEquals(MatchPolicy.EXACT, MatchPolicy.named(null));
        assertNull(MatchPolicy.named("regex"));
    }

    // --- WAMP's binary convention for JSON: "\0" + base64

    private static final byte[] BYTES = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};
    private static final String MARKED = "\0" + Base64.getEncoder().encodeToString(BYTES);

    @ParameterizedTest
    @EnumSource(value = WampSerializer.class, names = {"MSGPACK", "CBOR"})
    void bytesFromABinarySerializerReachJsonAsAMarkedBase64String(WampSerializer from) throws ProtocolViolation {
        Result sent = new Result(1, WampCodec.dict(), WampCodec.list().add(BYTES), WampCodec.dict().put("b", BYTES));
        Result received = (Result) from.decode(from.encode(sent));
        assertTrue(received.args().get(0).isBinary());
        Result json = (Result) WampSerializer.JSON.decode(WampSerializer.JSON.encodeText(received));
        assertEquals(MARKED, json.args().get(0).textValue());
        assertEquals(MARKED, json.kwargs().get("b").textValue());
    }

    @ParameterizedTest
    @EnumSource(value = WampSerializer.class, names = {"MSGPACK", "CBOR"})
    void aMarkedStringFromJsonReachesABinarySerializerAsBytes(WampSerializer to) throws Exception {
        Result fromJson = (Result) WampSerializer.JSON.decode(
                "[50,1,{},[\"" + MARKED.replace("\0", "\\u0000") + "\"]]");
        Result received = (Result) to.decode(to.encode(fromJson));
        assertArrayEquals(BYTES, received.args().get(0).binaryValue());
    }

    @Test
    void betweenJsonPeersAMarkedStringIsUntouched() throws ProtocolViolation {
        String frame = "[50,1,{},[\"" + MARKED.replace("\0", "\\u0000") + "\",\"\\u0000not base64!\"]]";
        assertEquals(frame, WampSerializer.JSON.encodeText(WampSerializer.JSON.decode(frame)));
    }

    @Test
    void aStringThatOnlyStartsWithNulStaysAString() throws ProtocolViolation {
        Result fromJson = (Result) WampSerializer.JSON.decode("[50,1,{},[\"\\u0000not base64!\"]]");
        Result received = (Result) WampSerializer.MSGPACK.decode(WampSerializer.MSGPACK.encode(fromJson));
        assertEquals("\0not base64!", received.args().get(0).textValue());
    }
}
