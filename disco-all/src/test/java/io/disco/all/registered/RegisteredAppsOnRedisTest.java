package io.disco.all.registered;

import io.disco.api.ApiMain;
import io.disco.all.StartedLines;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import io.disco.redis.testing.RedisServer;
import io.disco.signal.SignalMain;
import io.disco.turn.TurnMain;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services on hosts of their own, sharing one real redis-server: the discovery API
 * registers and deletes the applications, the router and the relay learn of them from that Redis
 * alone (each its own JVM, as disco-api.jar, disco-signal.jar and disco-turn.jar run). An
 * application lives its whole life ({@link RegisteredAppLife}) across them.
 */
class RegisteredAppsOnRedisTest {

    private static final String ADMIN_TOKEN = "admin-token-of-the-redis-test";
    private static final String SECRET = "secret-the-api-and-the-relay-share";

    @TempDir
    Path workingDir;

    @Test
    void aRegisteredAppLivesItsWholeLifeAcrossServicesSharingRedis() throws Exception {
        Path token = Files.writeString(workingDir.resolve("admin-token"), ADMIN_TOKEN);
        try (RedisServer redis = RedisServer.start("registered-apps");
             ServiceProcess turn = ServiceProcess.startIn(workingDir, TurnMain.class, shared(redis,
                     "--auth-secret", SECRET, "--ice-port", "0", "--ice-tls-port", "0",
                     "--address", "127.0.0.1", "--relay-bind", "127.0.0.1", "--allow-loopback-peers"))) {
            String turnUrl = "turn:127.0.0.1:" + turn.awaitLine(StartedLines.TURN).group(1) + "?transport=udp";
            try (ServiceProcess api = ServiceProcess.startIn(workingDir, ApiMain.class, shared(redis,
                         "--admin-token-file", token.toString(), "--auth-secret", SECRET, "--ice-url", turnUrl,
                         "--disco-host", "127.0.0.1", "--disco-port", "0"));
                 ServiceProcess signal = ServiceProcess.startIn(workingDir, SignalMain.class, shared(redis,
                         "--signal-host", "127.0.0.1", "--signal-port", "0"))) {
                URI apiUri = URI.create("https://127.0.0.1:" + api.awaitLine(StartedLines.API).group(1));
                URI signalUri =
                        URI.create("wss://127.0.0.1:" + signal.awaitLine(StartedLines.SIGNAL).group(1) + "/");

                new RegisteredAppLife(apiUri, signalUri, ADMIN_TOKEN).live("com.example.chat", List.of(turnUrl));
            }
        }
    }

    /** {@code flags} and what the three share: registered mode, the Redis and its prefix, the certificate. */
    private static String[] shared(RedisServer redis, String... flags) {
        List<String> all = new ArrayList<>(List.of("--apps", "registered", "--store", redis.uri(),
                "--redis-prefix", "e2e:",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString()));
        all.addAll(List.of(flags));
        return all.toArray(String[]::new);
    }
}
