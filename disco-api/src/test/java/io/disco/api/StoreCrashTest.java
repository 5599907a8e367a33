package io.disco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.ServiceProcess;
import io.disco.common.testing.TestTls;
import io.disco.redis.testing.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A durable store under {@code kill -9}: threads create, replace, update and delete groups over
 * HTTPS against disco-api.jar's main in a JVM of its own, which is killed with SIGKILL while they
 * do; a new server on the same store must hold every acknowledged write exactly as acknowledged,
 * none of the acknowledged deletes, and each write that was under way wholly or not at all.
 * The store is the parameter, a {@code --store} value ({@code {dir}} is a fresh directory,
 * {@code {redis}} the port of a redis-server started for the test).
 */
class StoreCrashTest {

    private static final Pattern STARTED = Pattern.compile("Started discovery API on https://127\\.0\\.0\\.1:(\\d+)");
    private static final String[] APPS = {"chat", "game", "notes"};
    private static final int WRITERS = 4;
    private static final int IDS_PER_WRITER = 40;

    @TempDir
    Path dir;

    /**
     * What one ID is known to hold: {@code acknowledged} (null when absent), written between the
     * two instants, in seconds; and when a write to it was cut off by the kill, what that write
     * would have made of it (a group with no name for a delete: Group makes a null name empty).
     */
    private record Known(Group acknowledged, long sentAt, long answeredAt, Group cutOff) {
        static final Known ABSENT = new Known(null, 0, 0, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite:{dir}/groups.db", "redis://127.0.0.1:{redis}"})
    void everyAcknowledgedWriteSurvivesSigkillAndNoneIsHalfWritten(String storeTemplate) throws Exception {
        String store = storeTemplate.replace("{dir}", dir.toString());
        if (!store.contains("{redis}")) {
            survivesSigkill(store);
            return;
        }
        // The API node is what is killed; Redis goes on, as on a host of its own.
        try (RedisServer redis = RedisServer.start("crash")) {
            survivesSigkill(store.replace("{redis}", Integer.toString(redis.port())));
        }
    }

    private void survivesSigkill(String store) throws Exception {
        Map<String, Known> known = new HashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        try (ServiceProcess server = start(store)) {
            URI uri = URI.create("https://localhost:" + server.awaitLine(STARTED).group(1));
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<Map<String, Known>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String prefix = "w" + w + "-";
                writers.add(pool.submit(() -> write(uri, prefix, killed)));
            }
            Thread.sleep(3000);
            killed.set(true);
            server.kill();
            for (Future<Map<String, Known>> writer : writers) {
                Map<String, Known> mine = writer.get();
                known.putAll(mine);
            }
            pool.shutdown();
        }

        try (ServiceProcess server = start(store);
             DiscoClient client = client(URI.create("https://localhost:" + server.awaitLine(STARTED).group(1)))) {
            Map<String, Group> after = client.listGroups();
            int cutOff = 0;
            for (Map.Entry<String, Known> entry : known.entrySet()) {
                String id = entry.getKey();
                Known k = entry.getValue();
                Group found = after.get(id);
                if (k.cutOff == null) {
                    assertEquals(k.acknowledged == null ? null : strip(k.acknowledged),
                            found == null ? null : strip(found), id + " is not as acknowledged");
                    if (found != null) {
                        assertTrue(k.sentAt <= found.lastUpdated() && found.lastUpdated() <= k.answeredAt,
                                id + " LastUpdated " + found.lastUpdated() + " is not when it was written");
                    }
                    continue;
                }
                cutOff++;
                boolean asAcknowledged = k.acknowledged == null ? found == null
                        : found != null && strip(found).equals(strip(k.acknowledged));
                boolean asCutOff = k.cutOff.name().isEmpty() ? found == null
                        : found != null && strip(found).equals(strip(k.cutOff));
                assertTrue(asAcknowledged || asCutOff, id + " after the crash is neither what was acknowledged ("
                        + k.acknowledged + ") nor what was being written (" + k.cutOff + "): " + found);
            }
            assertTrue(cutOff <= WRITERS, cutOff + " writes cut off by the kill, from " + WRITERS + " writers");
            for (String id : after.keySet()) {
                assertTrue(known.containsKey(id), id + " was never written");
            }
            assertTrue(known.size() >= WRITERS * 10, "too few writes before the kill: " + known.size());
        }
    }

    /**
     * One writer's loop over its own IDs until the server dies: what it knows of each ID at the
     * end. A write that failed after the kill leaves its ID with both states possible.
     */
    private static Map<String, Known> write(URI uri, String prefix, AtomicBoolean killed) {
        Map<String, Known> known = new HashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (DiscoClient client = client(uri)) {
            for (long version = 1; ; version++) {
                String id = prefix + random.nextInt(IDS_PER_WRITER);
                Known now = known.getOrDefault(id, Known.ABSENT);
                Group current = now.acknowledged;
                boolean delete = current != null && random.nextInt(4) == 0;
                Group next = delete ? new Group(id, null, "", "", 0, null, null, null) : version(id, version, random);
                long sentAt = Instant.now().getEpochSecond();
                try {
                    if (delete) {
                        client.deleteGroup(id);
                    } else if (current != null && random.nextBoolean()) {
                        client.updateGroup(id, next);
                    } else {
                        client.createGroup(next);
                    }
                } catch (RuntimeException e) {
                    if (!killed.get()) {
                        throw e;
                    }
                    known.put(id, new Known(current, now.sentAt, now.answeredAt, next));
                    return known;
                }
                known.put(id, new Known(delete ? null : next, sentAt, Instant.now().getEpochSecond(), null));
            }
        }
    }

    /** Every field a client sets differs from one version to the next, so a mix of two would show. */
    private static Group version(String id, long v, ThreadLocalRandom random) {
        List<Peer> peers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            peers.add(new Peer("198.18." + p + "." + (v % 250) + ":1337", "0X" + v + "0" + p, "peer-" + v + "-" + p));
        }
        return new Group(id, "v" + v, APPS[random.nextInt(APPS.length)], "0XAB" + v, 0, peers,
                List.of(peers.get(0)), null);
    }

    /** The group without the server's LastUpdated, which the client does not choose. */
    private static Group strip(Group group) {
        return group.withLastUpdated(0);
    }

    private static ServiceProcess start(String store) throws Exception {
        return ServiceProcess.start(ApiMain.class, "--store", store, "--write-rate", "0",
                "--disco-host", "127.0.0.1", "--disco-port", "0", "--ttl", "1h",
                "--cert-file", TestTls.certFile().toString(), "--key-file", TestTls.keyFile().toString());
    }

    private static DiscoClient client(URI uri) {
        return DiscoClient.builder(uri).trustCertificate(TestTls.certFile()).build();
    }
}
