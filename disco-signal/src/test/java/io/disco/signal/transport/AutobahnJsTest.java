package io.disco.signal.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.signal.NodeScript;
import io.disco.signal.RunningRouter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn|JS, the client browsers and node peers use, runs Babble's exact flow against the
 * router over wss:// with the test certificate: the scripts of src/test/node, under node.
 */
class AutobahnJsTest {

    private static RunningRouter router;

    @BeforeAll
    static void install() throws Exception {
        NodeScript.install();
        router = new RunningRouter();
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void babblesFlowWorksWithAutobahnJs(String serializer) throws Exception {
        String output = NodeScript.run("babble-flow.js", url(), serializer);
        for (String step : List.of("offer and answer exchanged", "callee error reached the caller unchanged",
                "unregistered", "pubsub ok", "babble flow ok over " + serializer)) {
            assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
        }
    }

    /** Autobahn pings an idle socket and drops it if no pong comes: it waits as long as that takes (30 s). */
    @Test
    void anIdleAutobahnSessionIsKeptByItsOwnPings() throws Exception {
        String output = NodeScript.run("idle-session.js", url());
        for (String step : List.of("both sessions open after", "call routed after idling")) {
            assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
        }
    }

    private static String url() {
        return "wss://localhost:" + router.server.port() + "/";
    }
}
