package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.RegisteredApp;
import io.disco.common.testing.TestTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChromiumPeers} against disco.jar --apps registered: the page is given its app's key and
 * nothing of disco's but its URLs. With the key it advertises and finds the group, gets its ICE
 * servers from GET /ice-servers (CORS letting it send Authorization), and joins its app's realm by
 * WAMP ticket; the relay must take the credentials the API handed out.
 *
 * --ice-url names the relay's UDP listener alone. disco.jar's default adds TCP and TLS, and then
 * each peer gathers three relay candidates and each side may report a different pair as
 * selected, which would leave the open-mode test's checks of the pair nothing firm to hold to.
 */
class RegisteredBrowserEndToEndTest {

    private static final String ADMIN_TOKEN = "admin-token-of-the-browser-test";
    private static final String APP_ID = "com.example.browser";
    private static final Pattern ICE_SERVER = Pattern.compile("(\\S+) as (\\d+):(.+)");

    @TempDir
    Path workingDir;

    @Test
    void peersOfARegisteredAppTalkThroughTheRelayWithTheirKeyAlone() throws Exception {
        Path token = Files.writeString(workingDir.resolve("admin-token"), ADMIN_TOKEN);
        int icePort = ChromiumPeers.freeIcePort();
        String turnUrl = "turn:" + ChromiumPeers.LOOPBACK + ":" + icePort + "?transport=udp";
        try (ChromiumPeers peers = ChromiumPeers.start(workingDir, icePort, "--apps", "registered",
                "--admin-token-file", token.toString(), "--auth-secret", "secret-of-the-browser-test",
                "--ice-url", turnUrl, "--store", "memory")) {
            RegisteredApp app;
            try (DiscoClient admin = DiscoClient.builder(URI.create(peers.apiUrl))
                    .trustCertificate(TestTls.certFile()).adminToken(ADMIN_TOKEN).build()) {
                app = admin.apps().register(APP_ID, "Browser test");
            }
            ChromiumPeers.Run run = peers.run(10_000, "--app-id", APP_ID,
                    // One key in 64 starts with '-', which node's argument parser would take for an option.
                    "--app-key=" + app.key());

            for (String role : List.of("callee", "caller")) {
                assertEquals("realm " + APP_ID + ", authrole app, authmethod ticket", run.fact(role + " welcome"),
                        "the " + role + " joined its app's realm by ticket:\n" + run);
                Matcher ice = ICE_SERVER.matcher(run.fact(role + " ice server"));
                assertTrue(ice.matches(), run.toString());
                assertEquals(turnUrl, ice.group(1), "the relay of --ice-url");
                assertEquals(APP_ID, ice.group(3), "TURN credentials of the page's app");
            }
            ChromiumPeers.assertTalkedThroughTheRelay(run, List.of(turnUrl));
        }
    }
}
