package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.StoreConfig;
import io.disco.common.discovery.DiscoApiException;
import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.GroupNotFoundException;
import io.disco.common.discovery.RegisteredApp;
import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import io.disco.common.testing.TestTls;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registered mode through {@link DiscoClient}: its app key option and its admin client. */
class RegisteredAppsClientTest {

    private static RunningApi api;
    private static DiscoClient admin;

    @BeforeAll
    static void start() throws Exception {
        api = new RunningApi(new StoreConfig.Memory(), RegisteredAppsHttpContract.registered());
        admin = client().adminToken(RegisteredAppsHttpContract.ADMIN_TOKEN).build();
    }

    @AfterAll
    static void stop() {
        admin.close();
        api.close();
    }

    private static DiscoClient.Builder client() {
        return DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile());
    }

    private static int status(Runnable call) {
        return assertThrows(DiscoApiException.class, call::run).status();
    }

    @Test
    void anAppRegisteredThroughTheAdminClientServesItsGroupsToItsKey() {
        RegisteredApp chat = admin.apps().register("client.chat", "Chat");
        assertEquals(43, chat.key().length());
        assertEquals(new RegisteredApp("client.chat", "Chat", "2026-03-09T17:05:05Z", null),
                admin.apps().get("client.chat"));
        assertTrue(admin.apps().list().contains(new RegisteredApp("client.chat", "Chat", "2026-03-09T17:05:05Z", null)));

        try (DiscoClient disco = client().appKey("client.chat", chat.key()).build()) {
            GroupId id = disco.createGroup(Group.of("office", "client.chat", List.of()));
            assertEquals("office", disco.getGroup(id.value()).name());
            assertEquals(List.of(id.value()), List.copyOf(disco.listGroups().keySet()));
            disco.updateGroup(id.value(), Group.of("renamed", "client.chat", List.of()));
            assertEquals("renamed", disco.getGroup(id.value()).name());
            assertEquals(403, status(() -> disco.createGroup(Group.of("x", "client.other", List.of()))));
            disco.deleteGroup(id.value());
            assertThrows(GroupNotFoundException.class, () -> disco.getGroup(id.value()));
        }
    }

    @Test
    void aClientWithoutTheKeyOrWithAnOldOneIsRefused() {
        RegisteredApp notes = admin.apps().register("client.notes", "Notes");
        try (DiscoClient anonymous = client().build();
             DiscoClient wrong = client().appKey("client.notes", notes.key().substring(1) + "x").build()) {
            assertEquals(401, status(anonymous::listGroups));
            assertEquals(401, status(wrong::listGroups));
        }
        RegisteredApp renewed = admin.apps().newKey("client.notes");
        assertNull(admin.apps().get("client.notes").key());
        try (DiscoClient fresh = client().appKey("client.notes", renewed.key()).build()) {
            assertTrue(fresh.listGroups().isEmpty());
        }
    }

    @Test
    void theAdminClientSaysWhyItWasRefused() {
        admin.apps().register("client.game", "Game");
        assertEquals(409, status(() -> admin.apps().register("client.game", "Game")));
        assertEquals(400, status(() -> admin.apps().register("not an id", "Game")));
        DiscoApiException unknown = assertThrows(DiscoApiException.class, () -> admin.apps().get("client.nobody"));
        assertFalse(unknown instanceof GroupNotFoundException);
        assertEquals(404, unknown.status());
        try (DiscoClient noToken = client().build(); DiscoClient wrongToken = client().adminToken("wrong").build()) {
            assertEquals(401, status(() -> noToken.apps().list()));
            assertEquals(401, status(() -> wrongToken.apps().delete("client.game")));
        }
        admin.apps().delete("client.game");
        assertEquals(404, status(() -> admin.apps().delete("client.game")));
        assertEquals(404, status(() -> admin.apps().newKey("client.game")));
    }
}
