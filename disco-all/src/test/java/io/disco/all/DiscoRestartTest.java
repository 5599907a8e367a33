package io.disco.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code make run}, stopped and run again: with no --store, the groups made before are still served. */
class DiscoRestartTest {

    private static final Pattern API_STARTED = Pattern.compile("Started discovery API on https://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern STORE = Pattern.compile("Groups are kept in SQLite at (\\S+) .*; (\\d+) loaded");

    @TempDir
    Path workingDir;

    @Test
    void groupsCreatedBeforeAStopAreServedAfterTheNextStart() throws Exception {
        Group office = new Group("", "office", "chat", "0X04EF", 0,
                List.of(new Peer("198.18.0.1:1337", "0X04AB", "Monica")), List.of(), 600L);
        String id;
        Group created;
        try (ServiceProcess disco = start()) {
            assertEquals(workingDir.resolve("disco-data/groups.db").toString(), disco.awaitLine(STORE).group(1));
            try (DiscoClient client = client(disco)) {
                id = client.createGroup(office).value();
                created = client.getGroup(id);
            }
            disco.terminate();
            assertTrue(disco.waitFor(20), disco.output());
            assertEquals(143, disco.exitValue(), disco.output());
        }
        assertTrue(Files.isRegularFile(workingDir.resolve("disco-data/groups.db")));

        try (ServiceProcess disco = start()) {
            assertEquals("1", disco.awaitLine(STORE).group(2));
            try (DiscoClient client = client(disco)) {
                assertEquals(created, client.getGroup(id));
                assertEquals(List.of(id), List.copyOf(client.listGroups("chat").keySet()));
            }
        }
    }

    private ServiceProcess start() throws Exception {
        return ServiceProcess.startIn(workingDir, DiscoMain.class, "--no-signal", "--no-turn",
                "--disco-host", "127.0.0.1", "--disco-port", "0",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString());
    }

    private static DiscoClient client(ServiceProcess disco) throws InterruptedException {
        URI uri = URI.create("https://localhost:" + disco.awaitLine(API_STARTED).group(1));
        return DiscoClient.builder(uri).trustCertificate(TestTls.certFile()).build();
    }
}
