package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.cli.CommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What stops disco-turn.jar at start in registered mode: each with one line and its exit code. */
class TurnMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandRunner.run(new TurnMain(), args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void registeredAppsWithoutTheSharedStoreStopWithOneLineSayingWhatToGive() {
        assertEquals(CommandRunner.USAGE, run("--apps", "registered", "--auth-secret", "s"));
        assertEquals("disco-turn: " + TurnServer.NEEDS_APP_STORE + " (see --help)" + System.lineSeparator(),
                err.toString());
        assertTrue(TurnServer.NEEDS_APP_STORE.contains("--store redis://"), TurnServer.NEEDS_APP_STORE);
    }

    @Test
    void aStoreThatNoOtherHostCanReadIsRefusedWithOneLine() {
        for (String store : new String[] {"memory", "sqlite:disco-data/groups.db"}) {
            err.getBuffer().setLength(0);
            assertEquals(CommandRunner.USAGE, run("--apps", "registered", "--auth-secret", "s", "--store", store));
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("disco-turn: --store '" + store + "': a router or TURN server "
                    + "reads the registered applications from the Redis"), err.toString());
        }
    }

    @Test
    void aStoreWithOpenAppsIsRefusedAsUnused() {
        assertEquals(CommandRunner.USAGE, run("--store", "redis://127.0.0.1:6379"));
        assertEquals("disco-turn: --store is read for --apps registered only; with --apps open it would go unused"
                + " (see --help)" + System.lineSeparator(), err.toString());
    }

    @Test
    void aSharedRedisOutOfReachStopsStartUpWithOneLineAndExitOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertEquals(CommandRunner.FAILURE, run("--apps", "registered", "--auth-secret", "s", "--store",
                "redis://127.0.0.1:" + closed, "--store-timeout", "500ms"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("disco-turn: cannot start: cannot reach Redis at redis://127.0.0.1:"
                + closed + ": "), err.toString());
    }

    @Test
    void aClusterNeedsATurnUrlToAnnounceAndAnIceUrlNeedsACluster() {
        assertEquals(CommandRunner.USAGE, run("--cluster", "redis://127.0.0.1:6379", "--ice-url", "stun:192.0.2.1"));
        assertEquals("disco-turn: --cluster needs --ice-url with this relay's turn: or turns: URL, which it announces"
                + " to the fleet (see --help)" + System.lineSeparator(), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(CommandRunner.USAGE, run("--ice-url", "turn:192.0.2.1"));
        assertEquals("disco-turn: --ice-url is what a relay announces to its --cluster; without --cluster it would go"
                + " unused (see --help)" + System.lineSeparator(), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(CommandRunner.USAGE, run("--cluster", "memory", "--ice-url", "turn:192.0.2.1"));
        assertTrue(err.toString().startsWith("disco-turn: --cluster 'memory': nodes meet in a Redis:"
                + " redis://"), err.toString());
    }

    @Test
    void aClusterOutOfReachStopsStartUpWithOneLineAndExitOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertEquals(CommandRunner.FAILURE, run("--cluster", "redis://127.0.0.1:" + closed, "--store-timeout", "500ms",
                "--ice-url", "turn:192.0.2.1", "--ice-port", "0"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("disco-turn: cannot start: cannot reach Redis at redis://127.0.0.1:"
                + closed + ": "), err.toString());
    }

    @Test
    void helpListsTheSharedStoresFlags() {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--apps", "--store", "--redis-prefix", "--redis-ca-file", "--store-timeout",
                "--cluster", "--cluster-heartbeat", "--ice-url"}) {
            assertTrue(out.toString().contains(flag), flag);
        }
    }
}
