package io.disco.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.cli.CommandRunner;
import io.disco.common.cli.EnvironmentDefaults;
import io.disco.common.testing.TestTls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SignalMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandRunner.run(new SignalMain(), args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static SignalConfig parse(Map<String, String> env, String... args) {
        SignalMain main = new SignalMain();
        CommandLine line = new CommandLine(main);
        line.setDefaultValueProvider(new EnvironmentDefaults(env));
        line.parseArgs(args);
        return main.signal.toConfig(main.realm.realm(), TestTls.identity());
    }

    @Test
    void defaultsAreTheOriginalsAndSaneLimits() {
        SignalConfig config = parse(Map.of());
        assertEquals(2443, config.port());
        assertEquals("main", config.realm());
        assertEquals(1 << 20, config.maxMessageBytes());
        assertEquals(Duration.ofSeconds(30), config.keepalive());
        assertEquals(1000, config.limits().maxPendingCalls());
    }

    @Test
    void takesFlagsAndTheEnvironment() {
        SignalConfig config = parse(Map.of("DISCO_REALM", "babble"), "--signal-port=9443", "--keepalive", "1m",
                "--max-message-size", "256KiB", "--max-registrations", "3");
        assertEquals(9443, config.port());
        assertEquals("babble", config.realm());
        assertEquals(Duration.ofMinutes(1), config.keepalive());
        assertEquals(256 * 1024, config.maxMessageBytes());
        assertEquals(3, config.limits().maxRegistrations());
    }

    @Test
    void helpListsEveryFlag() {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--signal-port", "--signal-host", "--realm", "--cert-file", "--key-file",
                "--max-message-size", "--keepalive", "--max-queued-messages", "--max-registrations",
                "--max-subscriptions", "--max-pending-calls", "--apps", "--anonymous-realm", "--store",
                "--redis-prefix", "--redis-ca-file", "--store-timeout", "--metrics-port", "--metrics-host",
                "--drain-timeout", "--log-format", "--admin-token-file", "--cluster", "--cluster-heartbeat", "drain"}) {
            assertTrue(out.toString().contains(flag), flag);
        }
    }

    @Test
    void appsAreOpenByDefaultAndTheAnonymousRealmOnlyOffInRegisteredMode() {
        assertEquals(Realms.open("main"), parse(Map.of()).realms());
        SignalConfig registered = parse(Map.of("DISCO_APPS", "registered"));
        assertEquals(Optional.empty(), registered.realms().anonymous());
        assertEquals(Optional.of("lobby"), parse(Map.of(), "--apps", "registered", "--anonymous-realm", "--realm",
                "lobby").realms().anonymous());
    }

    @Test
    void registeredAppsWithoutTheSharedStoreStopWithOneLineSayingWhatToGive() {
        assertEquals(2, run("--apps", "registered"));
        assertEquals("disco-signal: " + SignalServer.NEEDS_APP_STORE + " (see --help)" + System.lineSeparator(),
                err.toString());
        assertTrue(SignalServer.NEEDS_APP_STORE.contains("--store redis://"), SignalServer.NEEDS_APP_STORE);
    }

    @Test
    void aStoreThatNoOtherHostCanReadIsRefusedWithOneLine() {
        for (String store : new String[] {"memory", "sqlite:disco-data/groups.db"}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run("--apps", "registered", "--store", store));
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("disco-signal: --store '" + store + "': a router or TURN server "
                    + "reads the registered applications from the Redis"), err.toString());
        }
    }

    @Test
    void aStoreWithOpenAppsIsRefusedAsUnused() {
        assertEquals(2, run("--store", "redis://127.0.0.1:6379"));
        assertEquals("disco-signal: --store is read for --apps registered only; with --apps open it would go unused"
                + " (see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void aSharedRedisOutOfReachStopsStartUpWithOneLineAndExitOne() throws Exception {
        startsWithRedisOutOfReach("--apps", "registered", "--store");
    }

    @Test
    void aClusterOnAnythingButRedisIsRefusedWithOneLine() {
        assertEquals(2, run("--cluster", "memory"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("disco-signal: --cluster 'memory': nodes meet in a Redis:"
                + " redis://"), err.toString());
    }

    @Test
    void aClusterOutOfReachStopsStartUpWithOneLineAndExitOne() throws Exception {
        startsWithRedisOutOfReach("--cluster");
    }

    /** Start-up with the Redis that the last of {@code flags} names on a closed port: exit 1, one line naming it. */
    private void startsWithRedisOutOfReach(String... flags) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("redis://127.0.0.1:" + closed, "--store-timeout", "500ms", "--signal-port", "0"));
        int code = CommandRunner.run(new SignalMain(), args.toArray(String[]::new),
                Map.of("DISCO_CERT_FILE", TestTls.certFile().toString(), "DISCO_KEY_FILE",
                        TestTls.keyFile().toString()), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("disco-signal: cannot start: cannot reach Redis at redis://127.0.0.1:"
                + closed + ": "), err.toString());
    }

    @Test
    void anAnonymousRealmBesideOpenAppsIsAWrongValue() {
        assertEquals(2, run("--anonymous-realm", "--cert-file", TestTls.certFile().toString(),
                "--key-file", TestTls.keyFile().toString()));
        assertTrue(err.toString().contains("--anonymous-realm applies to --apps registered"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("--apps", "closed"));
        assertTrue(err.toString().contains("expected open or registered, not closed"), err.toString());
    }

    @Test
    void wrongValuesStopWithOneLine() {
        assertEquals(2, run("--keepalive", "soon"));
        assertTrue(err.toString().startsWith("disco-signal: Invalid value for option '--keepalive'"), err.toString());
        assertEquals(1, err.toString().lines().count());
    }

    @Test
    void aNegativeCapIsAWrongValue() {
        assertEquals(2, run("--max-pending-calls", "-1", "--cert-file", TestTls.certFile().toString(),
                "--key-file", TestTls.keyFile().toString()));
        assertTrue(err.toString().contains("must not be negative"), err.toString());
    }
}
