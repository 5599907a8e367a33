package io.disco.signal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.testing.TestTls;
import io.disco.signal.RunningRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Autobahn|JS, the client browsers and node peers use, runs Babble's exact flow against the
 * router over wss:// with the test certificate: the scripts of src/test/node, under node.
 * The npm packages are installed from the lock file on first use.
 */
class AutobahnJsTest {

    private static final Path NODE_PROJECT = Path.of("src", "test", "node").toAbsolutePath();
    private static RunningRouter router;

    @BeforeAll
    static void install() throws Exception {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules").resolve("autobahn"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(NODE_PROJECT.toFile()).redirectErrorStream(true).start();
            String output = read(npm);
            assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm ci did not finish");
            assertEquals(0, npm.exitValue(), "npm ci failed (node and npm must be installed):\n" + output);
        }
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
        String output = runNode("babble-flow.js", serializer);
        for (String step : List.of("offer and answer exchanged", "callee error reached the caller unchanged",
                "unregistered", "pubsub ok", "babble flow ok over " + serializer)) {
            assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
        }
    }

    /** Autobahn pings an idle socket and drops it if no pong comes: it waits as long as that takes (30 s). */
    @Test
    void anIdleAutobahnSessionIsKeptByItsOwnPings() throws Exception {
        String output = runNode("idle-session.js");
        for (String step : List.of("both sessions open after", "call routed after idling")) {
            assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
        }
    }

    /** Runs a script of src/test/node against the router, and returns its output once it exited 0. */
    private static String runNode(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script, "wss://localhost:" + router.server.port() + "/"));
        command.addAll(List.of(args));
        ProcessBuilder node = new ProcessBuilder(command).directory(NODE_PROJECT.toFile()).redirectErrorStream(true);
        node.environment().put("NODE_EXTRA_CA_CERTS", TestTls.certFile().toString());
        Process process = node.start();
        String output = read(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "node did not finish:\n" + output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
