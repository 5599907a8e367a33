package io.disco.all.registered;

import io.disco.all.DiscoMain;
import io.disco.all.StartedLines;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * disco.jar --apps registered in a JVM of its own, as operators run it: an application
 * registered through the admin API lives its whole life ({@link RegisteredAppLife}) against the
 * one process. Its API signs GET /ice-servers with the relay's --auth-secret and, without
 * --ice-url, names the relay of the process at the host the client asked for.
 */
class RegisteredAppsProcessTest {

    private static final String ADMIN_TOKEN = "admin-token-of-the-test";

    @TempDir
    Path workingDir;

    @Test
    void aRegisteredAppLivesItsWholeLifeInDiscoJar() throws Exception {
        Path token = Files.writeString(workingDir.resolve("admin-token"), ADMIN_TOKEN);
        try (ServiceProcess disco = ServiceProcess.startIn(workingDir, DiscoMain.class,
                "--apps", "registered", "--admin-token-file", token.toString(), "--auth-secret", "shared-secret",
                "--store", "memory", "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--signal-host", "127.0.0.1", "--signal-port", "0", "--ice-port", "0", "--ice-tls-port", "0",
                "--address", "127.0.0.1", "--relay-bind", "127.0.0.1", "--allow-loopback-peers",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString())) {
            Matcher turn = disco.awaitLine(StartedLines.TURN);
            // localhost, not the address the API is bound to: the relay is named at the host asked for.
            URI api = URI.create("https://localhost:" + disco.awaitLine(StartedLines.API).group(1));
            URI signal = URI.create("wss://127.0.0.1:" + disco.awaitLine(StartedLines.SIGNAL).group(1) + "/");
            List<String> turnUrls = List.of("turn:localhost:" + turn.group(1) + "?transport=udp",
                    "turn:localhost:" + turn.group(1) + "?transport=tcp",
                    "turns:localhost:" + turn.group(2) + "?transport=tcp");

            new RegisteredAppLife(api, signal, ADMIN_TOKEN).live("com.example.chat", turnUrls);
        }
    }
}
