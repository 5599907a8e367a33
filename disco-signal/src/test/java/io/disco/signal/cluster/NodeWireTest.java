package io.disco.signal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.cluster.NodeMessage.Answer;
import io.disco.signal.cluster.NodeMessage.CallerLeft;
import io.disco.signal.cluster.NodeMessage.CancelCall;
import io.disco.signal.cluster.NodeMessage.Invoke;
import io.disco.signal.cluster.NodeMessage.Publication;
import io.disco.signal.router.Authentication;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampSerializer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NodeWireTest {

    private static final Authentication WHO = new Authentication("alice", "anonymous", "anonymous", "static");
    /** Spacing and a number no tree writes back as it is: only the text itself comes out like this. */
    private static final String ARGS = "[ \"offer \\u00e9\" , 1.50 ]";
    private static final String KWARGS = "{\"sdp\" :\"v=0\"}";

    private static <T extends NodeMessage> T crossed(T message) {
        @SuppressWarnings("unchecked")
        T back = (T) NodeWire.decode(NodeWire.encode(message));
        return back;
    }

    private static WampMessage json(String frame) throws Exception {
        return WampSerializer.JSON.decode(frame);
    }

    @Test
    void aJsonCallersArgumentsCrossAsTheTextTheyCameAsAndReachAJsonPeerByteForByte() throws Exception {
        Call call = (Call) json("[48,7,{\"timeout\":500},\"app.offer\"," + ARGS + "," + KWARGS + "]");

        Invoke back = crossed(new Invoke("main", 42, WHO, call));

        assertEquals("main", back.realm());
        assertEquals(42, back.caller());
        assertEquals(WHO, back.who());
        assertEquals(call, back.call());
        assertTrue(back.call().payload().isJsonText(), "parsed on the way");
        String frame = WampSerializer.JSON.encodeText(back.call());
        assertTrue(frame.contains(ARGS + "," + KWARGS), frame);
    }

    @Test
    void aJsonCalleesResultReachesAMessagePackCallerAsValues() throws Exception {
        Result result = (Result) json("[50,7,{}," + ARGS + "]");

        Answer back = crossed(new Answer("main", 42, result));

        assertEquals(42, back.session());
        assertEquals(result, back.message());
        Result decoded = (Result) WampSerializer.MSGPACK.decode(WampSerializer.MSGPACK.encode(back.message()));
        assertEquals(1.5, decoded.args().get(1).doubleValue());
    }

    @Test
    void binaryFromAMessagePackPeerStaysBinary() {
        byte[] blob = {0, 1, 2, (byte) 0xff};
        ArrayNode args = WampCodec.list().add(blob);
        Call call = new Call(7, WampCodec.dict(), "app.offer", args, null);

        Invoke back = crossed(new Invoke("main", 42, WHO, call));

        assertFalse(back.call().payload().isJsonText());
        assertTrue(back.call().args().get(0).isBinary());
        assertEquals(call, back.call());
    }

    @Test
    void cancelsLeavingsAndPublicationsCross() throws Exception {
        Cancel cancel = new Cancel(7, WampCodec.dict().put("mode", "kill"));
        assertEquals(new CancelCall("main", 42, cancel), crossed(new CancelCall("main", 42, cancel)));
        assertEquals(new CallerLeft("main", 42), crossed(new CallerLeft("main", 42)));

        Publish publish = (Publish) json("[16,9,{\"acknowledge\":true},\"app.topic\"," + ARGS + "]");
        ObjectNode disclosed = WampCodec.dict().put("publisher", 42).put("publisher_authid", "alice");
        Publication back = crossed(new Publication("main", 77, disclosed, publish));
        assertEquals(77, back.publication());
        assertEquals(disclosed, back.disclosed());
        assertEquals(publish, back.publish());
        assertTrue(back.publish().payload().isJsonText());
        assertNull(crossed(new Publication("main", 77, null, publish)).disclosed());
    }

    @Test
    void whatNoRouterWroteIsRefused() throws Exception {
        byte[] good = NodeWire.encode(new Invoke("main", 42, WHO, (Call) json("[48,7,{},\"p\"," + ARGS + "]")));

        assertThrows(IllegalArgumentException.class, () -> NodeWire.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> NodeWire.decode(Arrays.copyOf(good, 12)));
        byte[] otherVersion = good.clone();
        otherVersion[0]++;
        assertThrows(IllegalArgumentException.class, () -> NodeWire.decode(otherVersion));
        byte[] hugeRealm = good.clone();
        hugeRealm[2] = 0x7f;
        assertThrows(IllegalArgumentException.class, () -> NodeWire.decode(hugeRealm));
        byte[] notWamp = Arrays.copyOf(good, good.length - 3);
        assertThrows(IllegalArgumentException.class, () -> NodeWire.decode(notWamp));
        byte[] aResult = NodeWire.encode(new Answer("main", 42, (Result) json("[50,7,{}]")));
        aResult[1] = 1; // said to be an Invoke
        assertThrows(IllegalArgumentException.class, () -> NodeWire.decode(aResult));
    }
}
