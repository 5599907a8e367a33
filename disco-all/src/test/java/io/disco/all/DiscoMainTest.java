package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.cli.CommandRunner;
import io.disco.common.testing.TestTls;
import io.disco.turn.TurnServer;
import java.io.Closeable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The all-in-one command line is the original's, flag for flag and default for default. */
class DiscoMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandRunner.run(new DiscoMain(), args, Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    @ParameterizedTest
    @CsvSource({
            "--address, 0.0.0.0",
            "--cert-file, cert.pem",
            "--disco-port, 1443",
            "--ice-password, test",
            "--ice-port, 3478",
            "--ice-username, test",
            "--key-file, key.pem",
            "--realm, main",
            "--signal-port, 2443",
            "--ttl, 5m0s",
            "--ttl-hearbeat, 1m0s",
    })
    void helpShowsEachOfTheOriginalsFlagsWithItsDefault(String flag, String defaultValue) {
        assertEquals(0, run("--help"));
        assertTrue(description(flag).contains("(default: " + defaultValue + ")"),
                flag + " not shown with its default in\n" + out);
    }

    /** The flag's help entry, its wrapped lines joined. */
    private String description(String flag) {
        List<String> lines = out.toString().lines().toList();
        StringBuilder entry = new StringBuilder();
        for (String line : lines) {
            boolean starts = line.strip().startsWith(flag + "=") || line.strip().startsWith(flag + ",");
            if (starts || (entry.length() > 0 && line.startsWith(" ".repeat(20)) && !line.strip().startsWith("-"))) {
                entry.append(' ').append(line.strip());
            } else if (entry.length() > 0) {
                break;
            }
        }
        return entry.toString();
    }

    @Test
    void helpAlsoListsTheFlagsThisServerAdds() {
        assertEquals(0, run("-h"));
        for (String flag : new String[] {"--ttl-heartbeat", "--min-ttl", "--max-ttl", "--max-body-size",
                "--max-peers", "--disco-host", "--signal-host", "--max-message-size", "--keepalive",
                "--max-queued-messages", "--max-registrations", "--max-subscriptions", "--max-pending-calls",
                "--cors-origin", "--admin-token-file", "--key-grace", "--ice-url", "--ice-ttl", "--ice-tls-port", "--auth-secret", "--allow-peer", "--deny-peer", "--relay-bind",
                "--max-allocations", "--max-bandwidth", "--no-api", "--no-signal", "--no-turn", "--version", "--cluster", "--cluster-heartbeat"}) {
            assertTrue(out.toString().contains(flag), flag);
        }
    }

    @Test
    void aClusterOnAnythingButRedisIsRefusedWithOneLine() {
        assertEquals(2, run("--cluster", "sqlite:routes.db", "--cert-file", TestTls.certFile().toString(),
                "--key-file", TestTls.keyFile().toString()));
        assertTrue(err.toString().startsWith("disco: --cluster 'sqlite:routes.db': nodes meet in a Redis:"
                + " redis://"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aClusterWithTheRelayNeedsItsTurnUrlToAnnounce() {
        assertEquals(2, run("--cluster", "redis://127.0.0.1:6379", "--cert-file", TestTls.certFile().toString(),
                "--key-file", TestTls.keyFile().toString()));
        assertEquals("disco: --cluster needs --ice-url with this relay's turn: or turns: URL, which it announces to the"
                + " fleet (see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void versionPrintsTheProgramName() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("disco "), out.toString());
    }

    @Test
    void aWrongValueOfAnyServicesFlagStopsStartUp() {
        assertEquals(2, run("--ice-port", "port"));
        assertEquals("disco: Invalid value for option '--ice-port': 'port' is not a port number (see --help)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void anEmptyRealmIsRefused() {
        assertEquals(2, run("--realm=", "--cert-file", "../test_data/cert.pem", "--key-file", "../test_data/key.pem"));
        assertEquals("disco: --realm must not be empty (see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void registeredAppsReachTheRelayToo(@TempDir Path dir) throws Exception {
        // The API's flags are checked though it does not run: registered mode needs its admin token.
        Path token = Files.writeString(dir.resolve("admin-token"), "token");
        // The relay alone, on a port taken: were --apps not to reach it, it would start, fail to
        // bind and say so, rather than run on.
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String[] relayAlone = {"--apps", "registered", "--no-api", "--no-signal", "--relay-bind", "127.0.0.1",
                    "--admin-token-file", token.toString(),
                    "--ice-port", String.valueOf(taken.getLocalPort()), "--ice-tls-port", "0",
                    "--cert-file", "../test_data/cert.pem", "--key-file", "../test_data/key.pem"};
            assertEquals(2, run(relayAlone));
            assertTrue(err.toString().startsWith("disco: --apps registered needs --auth-secret"), err.toString());

            err.getBuffer().setLength(0);
            List<String> withSecret = new ArrayList<>(List.of(relayAlone));
            withSecret.addAll(List.of("--auth-secret", "s"));
            assertEquals(2, run(withSecret.toArray(String[]::new)));
            assertEquals("disco: " + TurnServer.NEEDS_APP_STORE + " (see --help)" + System.lineSeparator(),
                    err.toString());
        }
    }

    @Test
    void registeredAppsReachTheApiWhichNeedsAnAdminToken() {
        assertEquals(2, run("--apps", "registered", "--auth-secret", "s", "--cert-file", "../test_data/cert.pem",
                "--key-file", "../test_data/key.pem"));
        assertEquals("disco: --apps registered needs --admin-token-file: without the admin API no application could "
                + "be registered (see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void switchingEveryServiceOffIsAWrongValue() {
        assertEquals(2, run("--no-api", "--no-signal", "--no-turn", "--cert-file", "../test_data/cert.pem",
                "--key-file", "../test_data/key.pem"));
        assertEquals("disco: --no-api, --no-signal and --no-turn leave nothing to run (see --help)"
                + System.lineSeparator(), err.toString());
    }

    @ParameterizedTest
    @CsvSource({"--disco-port, tcp", "--signal-port, tcp", "--ice-port, udp", "--ice-tls-port, tls"})
    void aPortInUseStopsStartUpWithOneLineNamingIt(String flag, String protocol) throws Exception {
        try (Closeable taken = "udp".equals(protocol)
                ? new DatagramSocket(0, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken instanceof DatagramSocket udp ? udp.getLocalPort() : ((ServerSocket) taken).getLocalPort();
            List<String> args = new ArrayList<>(List.of("--disco-host", "127.0.0.1", "--signal-host", "127.0.0.1",
                    "--address", "127.0.0.1", "--relay-bind", "127.0.0.1", "--disco-port", "0", "--signal-port", "0",
                    "--ice-port", "0", "--ice-tls-port", "0", "--store", "memory",
                    "--cert-file", "../test_data/cert.pem", "--key-file", "../test_data/key.pem"));
            args.set(args.indexOf(flag) + 1, String.valueOf(port));

            assertEquals(1, run(args.toArray(String[]::new)));

            String error = err.toString();
            assertEquals(1, error.lines().count(), error);
            assertTrue(error.matches("disco: cannot start: .+ cannot listen on " + protocol + "/" + port
                    + ".*: Address already in use\\R"), error);
        }
    }
}
