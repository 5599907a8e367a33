package io.disco.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.admin.AdminToken;
import io.disco.common.cli.CommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrainCommandTest {

    private final Operations operations = new Operations();
    private final AtomicLong sessions = new AtomicLong(1);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private OpsListener listener;
    /** Whether the last session ends a little after the drain began, as a client hangs up. */
    private boolean hangsUp = true;

    private void start(InetAddress host, Optional<AdminToken> token) throws Exception {
        operations.drains(new Drainable() {
            @Override
            public String holds() {
                return "sessions";
            }

            @Override
            public void drain() {
                if (!hangsUp) {
                    return;
                }
                Thread hangUp = new Thread(() -> {
                    sleep(Duration.ofMillis(1500));
                    sessions.set(0);
                });
                hangUp.setDaemon(true);
                hangUp.start();
            }

            @Override
            public long remaining() {
                return sessions.get();
            }
        });
        listener = new OpsListener(new OpsConfig(host, OptionalInt.of(0), Duration.ofSeconds(5), token), operations);
        listener.start();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        listener.stop();
        operations.close();
    }

    private int drain(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--metrics-port";
        all[1] = String.valueOf(listener.port());
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandRunner.run(new DrainCommand(), all, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void waitsUntilWhatRanHasEnded() throws Exception {
        start(InetAddress.getLoopbackAddress(), Optional.empty());

        assertEquals(0, drain());

        assertEquals(0, sessions.get());
        assertTrue(operations.drain().done());
        assertEquals("draining, still running: {sessions=1}" + System.lineSeparator() + "drained"
                + System.lineSeparator(), out.toString());
    }

    @Test
    void givesUpAfterTheTimeoutSayingWhatStillRuns() throws Exception {
        hangsUp = false;
        start(InetAddress.getLoopbackAddress(), Optional.empty());

        assertEquals(1, drain("--drain-timeout", "500ms"));

        assertEquals("drain: after 500ms still running: {sessions=1}" + System.lineSeparator(), err.toString());
        assertTrue(operations.drain().begun());
    }

    @Test
    void presentsTheAdminTokenFromItsFile(@TempDir Path dir) throws Exception {
        start(InetAddress.getByName("0.0.0.0"), Optional.of(AdminToken.of("s3cret")));
        Path wrong = Files.writeString(dir.resolve("wrong"), "guess\n");
        Path right = Files.writeString(dir.resolve("right"), "s3cret\n");

        assertEquals(1, drain("--admin-token-file", wrong.toString()));
        assertTrue(err.toString().startsWith("drain: cannot start: POST http://127.0.0.1:" + listener.port()
                + "/drain answered 401: "), err.toString());
        assertEquals(false, operations.drain().begun());

        assertEquals(0, drain("--admin-token-file", right.toString()));
    }
}
