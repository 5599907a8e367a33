package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChromiumPeers} against disco.jar in open mode, the original's: the page is given the TURN
 * server and its static user, joins the anonymous realm and uses the API without a key.
 */
class BrowserEndToEndTest {

    /** disco's working directory, where it keeps its default store. */
    @TempDir
    static Path workingDir;

    private static ChromiumPeers peers;
    private static String turnUrl;

    @BeforeAll
    static void start() throws Exception {
        peers = ChromiumPeers.start(workingDir, 0);
        turnUrl = "turn:" + ChromiumPeers.LOOPBACK + ":" + peers.turnPort + "?transport=udp";
    }

    @AfterAll
    static void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void peersFindEachOtherAndTalkThroughTheRelay() throws Exception {
        ChromiumPeers.assertTalkedThroughTheRelay(runPeers("test", 10_000), List.of(turnUrl));
    }

    // Chromium's ICE then has not one candidate pair to check: it stays "new" instead of failing,
    // so the peers give the data channel 3 s before saying it did not open.
    @Test
    void wrongTurnCredentialsGetNoRelayCandidate() throws Exception {
        ChromiumPeers.Run run = runPeers("not-the-password", 3_000);

        for (String role : List.of("callee", "caller")) {
            assertEquals("none", run.fact(role + " candidates"),
                    "with a wrong TURN password the " + role + " must get no relay candidate:\n" + run);
            List<String> errors = run.all(role + " candidate error");
            assertTrue(!errors.isEmpty() && errors.stream().allMatch(error -> error.startsWith("401 ")),
                    "disco's TURN server refuses the " + role + "'s credentials with 401:\n" + run);
            assertTrue(run.fact(role + " not connected").startsWith("opening the data channel took more than"),
                    "without a relay candidate the " + role + "'s data channel must not open:\n" + run);
            assertFalse(run.has(role + " selected pair"), "no candidate pair without candidates:\n" + run);
        }
    }

    private static ChromiumPeers.Run runPeers(String password, int openTimeoutMs) throws Exception {
        return peers.run(openTimeoutMs, "--turn", turnUrl, "--username", "test", "--password", password,
                "--app-id", "browser-test-" + UUID.randomUUID());
    }
}
