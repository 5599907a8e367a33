package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.RegisteredApp;
import io.disco.common.ice.IceServer;
import io.disco.common.ice.IceServers;
import io.disco.common.ice.IceUrl;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In disco.jar the credentials GET /ice-servers hands an application are the ones its relay takes:
 * one --auth-secret for both, the URLs those of the relay in the process at the host the client
 * asked for, and an application deleted through the admin API loses its relaying at once.
 */
class IceServersProcessTest {

    private static final Pattern API_STARTED = Pattern.compile("Started discovery API on https://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern TURN_STARTED =
            Pattern.compile("Started TURN server on udp/(\\d+), tcp/\\d+, tls/(\\d+)");
    private static final String ADMIN_TOKEN = "admin-token-of-the-test";

    @TempDir
    Path workingDir;

    @Test
    void aRegisteredAppsIceCredentialsAllocateUntilTheAppIsDeleted() throws Exception {
        Path token = Files.writeString(workingDir.resolve("admin-token"), ADMIN_TOKEN);
        try (ServiceProcess disco = ServiceProcess.startIn(workingDir, DiscoMain.class,
                "--apps", "registered", "--admin-token-file", token.toString(), "--auth-secret", "shared-secret",
                "--store", "memory", "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--signal-host", "127.0.0.1", "--signal-port", "0", "--ice-port", "0", "--ice-tls-port", "0",
                "--address", "127.0.0.1", "--relay-bind", "127.0.0.1",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString())) {
            URI api = URI.create("https://localhost:" + disco.awaitLine(API_STARTED).group(1));
            Matcher turn = disco.awaitLine(TURN_STARTED);
            int turnPort = Integer.parseInt(turn.group(1));
            int turnTlsPort = Integer.parseInt(turn.group(2));

            try (DiscoClient admin = DiscoClient.builder(api).trustCertificate(TestTls.certFile())
                    .adminToken(ADMIN_TOKEN).build()) {
                RegisteredApp chat = admin.apps().register("com.example.chat", "Chat");
                IceServers ice;
                try (DiscoClient app = DiscoClient.builder(api).trustCertificate(TestTls.certFile())
                        .appKey(chat.appId(), chat.key()).build()) {
                    ice = app.iceServers();
                }
                assertEquals(1, ice.iceServers().size(), ice.toString());
                IceServer relay = ice.iceServers().get(0);
                assertEquals(List.of("turn:localhost:" + turnPort + "?transport=udp",
                        "turn:localhost:" + turnPort + "?transport=tcp",
                        "turns:localhost:" + turnTlsPort + "?transport=tcp"), relay.urls());
                assertTrue(relay.username().endsWith(":com.example.chat"), relay.username());
                assertEquals(24 * 3600, ice.ttl());

                int udpPort = IceUrl.parse(relay.urls().get(0)).port().orElseThrow();
                assertTrue(allocate(udpPort, relay).isSuccess(), "the relay takes the credentials the API issued");

                admin.apps().delete("com.example.chat");
                assertEquals(401, allocate(udpPort, relay).code(), "a deleted app's credentials are refused");
            }
        }
    }

    /** A TURN Allocate over UDP with {@code server}'s credentials, answering the server's challenge. */
    private static Reply allocate(int port, IceServer server) throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(new InetSocketAddress("127.0.0.1", port))) {
            Reply challenge = client.call(Messages.allocate().encode());
            assertEquals(401, challenge.code(), "an Allocate without credentials is challenged");
            return client.call(Messages.allocate().credentials(server.username(), challenge.realm(), challenge.nonce(),
                    server.credential()).fingerprint().encode());
        }
    }
}
