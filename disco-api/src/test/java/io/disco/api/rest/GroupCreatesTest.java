package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.group.GroupQuota;
import io.disco.api.group.GroupRegistry;
import io.disco.api.store.GroupStore;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.api.store.sqlite.SqliteGroupStore;
import io.disco.api.store.sqlite.StoreSync;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Groups created ahead of Jersey are answered as Jersey answers them, and every create that does
 * not succeed there reaches Jersey with its body intact and nothing written.
 */
class GroupCreatesTest {

    private static final String GROUP = "{\"ID\":\"%s\",\"Name\":\"n\",\"AppID\":\"%s\",\"Peers\":"
            + "[{\"NetAddr\":\"198.18.0.9:1337\",\"PubKeyHex\":\"0X04AB\",\"Moniker\":\"p \u00e9\"}]}";

    private final ServedHandlers served = new ServedHandlers();
    private final List<GroupStore> stores = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopServers() throws Exception {
        served.close();
        stores.forEach(GroupStore::close);
    }

    /** In memory a create is answered on the request's thread; on SQLite, from the writer's. */
    enum Kind {
        MEMORY, SQLITE
    }

    private GroupStore store(Kind kind) {
        GroupStore store = kind == Kind.MEMORY ? new InMemoryGroupStore()
                : SqliteGroupStore.open(dir.resolve(stores.size() + ".db"), StoreSync.NORMAL, served.clock);
        stores.add(store);
        return store;
    }

    private static BodyPublisher json(String text) {
        return BodyPublishers.ofString(text);
    }

    /** Three servers, each on a registry of its own, so that what one writes the others do not see. */
    private final class Servers {
        final GroupRegistry withJersey;
        final GroupRegistry jerseyAlone;
        final GroupRegistry withoutJersey;
        final URI both;
        final URI jerseyOnly;
        final URI createsOnly;

        Servers(Kind kind) throws Exception {
            withJersey = served.registry(store(kind), new GroupQuota(100, 2));
            jerseyAlone = served.registry(store(kind), new GroupQuota(100, 2));
            withoutJersey = served.registry(store(kind), new GroupQuota(100, 2));
            both = served.serve(new GroupCreates(withJersey, ServedHandlers.MAX_BODY,
                    ServedHandlers.jersey(withJersey)));
            jerseyOnly = served.serve(ServedHandlers.jersey(jerseyAlone));
            createsOnly = served.serve(new GroupCreates(withoutJersey, ServedHandlers.MAX_BODY,
                    ServedHandlers.teapot()));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void createsAsJerseyDoesWithoutIt(Kind kind) throws Exception {
        Servers s = new Servers(kind);
        List<String[]> taken = List.of(
                new String[] {"/group", "application/json", String.format(GROUP, "g-1", "app")},
                new String[] {"/group", "*/*", String.format(GROUP, "g-2", "app") + "  \n"},
                // Replaced, not counted again against the app's quota of 2.
                new String[] {"/group", null, String.format(GROUP, "g-1", "app")});
        for (String[] r : taken) {
            ServedHandlers.Answer expected = served.ask(s.jerseyOnly, "POST", r[0], r[1], json(r[2]));
            assertEquals(201, expected.status(), expected.toString());
            assertEquals(expected, served.ask(s.both, "POST", r[0], r[1], json(r[2])), r[2]);
            assertEquals(expected, served.ask(s.createsOnly, "POST", r[0], r[1], json(r[2])), r[2] + " without Jersey");
        }
        for (GroupRegistry registry : List.of(s.withJersey, s.jerseyAlone, s.withoutJersey)) {
            assertEquals(registry.list("app").keySet(), Set.of("g-1", "g-2"));
        }

        // A new ID: the same answer but for the ID itself.
        ServedHandlers.Answer created = served.ask(s.createsOnly, "POST", "/group", null,
                json(String.format(GROUP, "", "other")));
        assertEquals(201, created.status());
        assertTrue(created.body().matches("\"[0-9a-f-]{36}\""), created.body());
        assertEquals(s.withoutJersey.get(created.body().replace("\"", "")).group().appId(), "other");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void leavesToJerseyWhatDoesNotSucceedWithItsBodyAndNothingWritten(Kind kind) throws Exception {
        Servers s = new Servers(kind);
        // App "full" at its quota of 2 on every server.
        for (String id : List.of("a-1", "a-2")) {
            for (URI server : List.of(s.both, s.jerseyOnly, s.createsOnly)) {
                assertEquals(201, served.ask(server, "POST", "/group", null,
                        json(String.format(GROUP, id, "full"))).status());
            }
        }
        String tooLarge = String.format(GROUP, "big", "app" + "x".repeat((int) ServedHandlers.MAX_BODY));
        List<Request> left = List.of(
                new Request("/group", null, () -> json("{\"ID\": ")),
                new Request("/group", null, () -> json("null")),
                new Request("/group", null, () -> json("[1, 2]")),
                new Request("/group", null, () -> json(String.format(GROUP, "no-app", ""))),
                new Request("/group", null, () -> json(String.format(GROUP, "bad id!", "app"))),
                new Request("/group", null, () -> json(String.format(GROUP, "a-3", "full"))),
                new Request("/group", null, () -> json(tooLarge)),
                new Request("/group", null, () -> json("")),
                new Request("/group", null, () -> BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        String.format(GROUP, "chunked", "app").getBytes(StandardCharsets.UTF_8)))),
                new Request("/group?x=1", null, () -> json(String.format(GROUP, "query", "app"))),
                new Request("/group", "text/plain", () -> json(String.format(GROUP, "accept", "app"))));
        for (Request r : left) {
            ServedHandlers.Answer leftToJersey = served.ask(s.createsOnly, "POST", r.target, r.accept, r.body.get());
            assertEquals(418, leftToJersey.status(), r + ": " + leftToJersey);
            ServedHandlers.Answer expected = served.ask(s.jerseyOnly, "POST", r.target, r.accept, r.body.get());
            assertEquals(expected, served.ask(s.both, "POST", r.target, r.accept, r.body.get()), r.toString());
        }
        // Only what Jersey itself created: the chunked, the queried and the text/plain ones.
        assertEquals(s.jerseyAlone.list("").keySet(), s.withJersey.list("").keySet());
        assertEquals(Set.of("a-1", "a-2"), s.withoutJersey.list("").keySet());
    }

    @Test
    void aFailingStoreIsAnsweredAsJerseysMapperAnswersIt() throws Exception {
        GroupRegistry failing = served.registry(new ServedHandlers.FailingStore(), GroupQuota.defaults());
        URI createsOnly = served.serve(new GroupCreates(failing, ServedHandlers.MAX_BODY, ServedHandlers.teapot()));
        URI jerseyOnly = served.serve(ServedHandlers.jersey(failing));
        String body = String.format(GROUP, "g-1", "app");
        ServedHandlers.Answer expected = served.ask(jerseyOnly, "POST", "/group", null, json(body));
        assertEquals(503, expected.status());
        assertEquals(expected, served.ask(createsOnly, "POST", "/group", null, json(body)));
    }

    private record Request(String target, String accept, Supplier<BodyPublisher> body) {
    }
}
