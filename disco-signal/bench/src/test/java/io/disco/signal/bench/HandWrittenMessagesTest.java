package io.disco.signal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.signal.wamp.WampMessage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The driver writes CALL and YIELD by hand and checks arguments as bytes; disco's codec, which
 * routers' peers are held to, must read them as the messages they are meant to be.
 */
class HandWrittenMessagesTest {

    private final Arguments arguments = Arguments.ofSize(64);

    @Test
    void callIsReadAsTheCallItWrites() throws Exception {
        WampMessage message = Peer.JSON.decode(Peer.callText(7, "bench.p1", arguments.call()));

        WampMessage.Call call = (WampMessage.Call) message;
        assertEquals(7, call.request());
        assertEquals("bench.p1", call.procedure());
        assertTrue(arguments.call().matches(call.args()), () -> "args " + call.args());
    }

    @Test
    void yieldIsReadAsTheYieldItWrites() throws Exception {
        WampMessage message = Peer.JSON.decode(Peer.yieldText(9, arguments.yield()));

        WampMessage.Yield yield = (WampMessage.Yield) message;
        assertEquals(9, yield.request());
        assertTrue(arguments.yield().matches(yield.args()), () -> "args " + yield.args());
    }

    @Test
    void aFrameEndsWithTheArgumentItCarriesOnly() {
        ByteBuffer call = Peer.callText(7, "bench.p1", arguments.call());

        assertTrue(arguments.call().ends(call));
        assertFalse(arguments.yield().ends(call), "the callee's argument is not the caller's");
        assertEquals(0, call.position(), "checking must not move the frame");
    }
}
