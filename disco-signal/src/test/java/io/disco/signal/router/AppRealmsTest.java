package io.disco.signal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.signal.InMemoryApps;
import io.disco.signal.NodeScript;
import io.disco.signal.RunningRouter;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registered mode with Autobahn|JS: clients of two applications join their apps' realms by WAMP
 * ticket and WAMP-CRA, and each app's realm is a world of its own (src/test/node/app-realms.js).
 */
class AppRealmsTest {

    private static final InMemoryApps APPS = new InMemoryApps();
    private static RunningRouter router;

    @BeforeAll
    static void start() throws Exception {
        NodeScript.install();
        router = new RunningRouter(APPS, false, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
    }

    private static String url() {
        return "wss://localhost:" + router.server.port() + "/";
    }

    @Test
    void clientsJoinTheirAppsRealmWithItsKeyAndSeeNoOtherApp() throws Exception {
        String keyA = APPS.register("com.example.chat");
        String keyB = APPS.register("com.example.game");
        String output = NodeScript.run("app-realms.js", url(), "isolation", "com.example.chat", keyA,
                "com.example.game", keyB);
        for (String step : List.of("joined com.example.chat by ticket as node-1",
                "joined com.example.chat by wampcra as browser-1",
                "ticket of another app: wamp.error.authentication_failed",
                "wampcra with another app's key: wamp.error.authentication_failed",
                "unknown realm: wamp.error.no_such_realm",
                "app realm joined anonymously: wamp.error.no_auth_method",
                "anonymous realm when off: wamp.error.no_such_realm",
                "app B's procedure is out of app A's reach", "one URI, one procedure per app",
                "session meta API counts its own realm: 2 and 1", "isolation ok")) {
            assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
        }
    }

    @Test
    void deletingAnAppEndsItsSessionsAndRefusesItsRealm() throws Exception {
        String key = APPS.register("com.example.deleted");
        try (NodeScript node = NodeScript.start("app-realms.js", url(), "deletion", "com.example.deleted", key)) {
            node.awaitLine("joined");
            APPS.delete("com.example.deleted");
            String output = node.finish();
            for (String step : List.of("closed by the router: wamp.close.close_realm",
                    "rejoin after deletion: wamp.error.no_such_realm", "deletion ok")) {
                assertTrue(output.contains(step), "missing '" + step + "' in:\n" + output);
            }
        }
        assertEquals(0, router.sessions());
    }
}
