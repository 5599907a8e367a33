package io.disco.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampSerializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the signaling server shows of itself to the process that runs it. */
class SignalServerTest {

    @Test
    void itsCountersFollowConnectionsAndTheSessionsJoinedOnThem() throws Exception {
        try (RunningRouter router = new RunningRouter()) {
            assertEquals(new SignalCounters(0, 0), router.server.counters());
            try (TestClient first = TestClient.connect(router.uri(), WampSerializer.JSON);
                 TestClient second = TestClient.connect(router.uri(), WampSerializer.MSGPACK)) {
                first.join("main");
                // The second has its websocket but has not said HELLO: a connection, not a session.
                awaitCounters(router, new SignalCounters(2, 1));
            }
            awaitCounters(router, new SignalCounters(0, 0));
        }
    }

    /** The server learns of an opened or closed socket a moment after the client does. */
    private static void awaitCounters(RunningRouter router, SignalCounters expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!router.server.counters().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, router.server.counters());
    }
}
