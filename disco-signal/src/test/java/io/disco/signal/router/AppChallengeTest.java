package io.disco.signal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.InMemoryApps;
import io.disco.signal.RunningRouter;
import io.disco.signal.auth.WampCra;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Authenticate;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Challenge;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Welcome;
import io.disco.signal.wamp.WampSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Joining an application's realm, frame by frame: CHALLENGE, AUTHENTICATE and what WELCOME says. */
class AppChallengeTest {

    private static final InMemoryApps APPS = new InMemoryApps();
    @AutoClose
    private static RunningRouter router;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        router = new RunningRouter(APPS, true, Clock.systemUTC());
    }

    @AfterEach
    void closeClients() throws Exception {
        for (TestClient client : clients) {
            client.close();
        }
    }

    private TestClient hello(String realm, String authid, String... authmethods) throws Exception {
        TestClient client = TestClient.connect(router.uri(), WampSerializer.JSON);
        clients.add(client);
        ObjectNode details = TestClient.helloDetails(true);
        for (String method : authmethods) {
            details.withArray("authmethods").add(method);
        }
        if (authid != null) {
            details.put("authid", authid);
        }
        client.send(new Hello(realm, details));
        return client;
    }

    /** What Autobahn's auth_cra.derive_key computes, computed here with the JDK. */
    private static String derive(String key, JsonNode extra) throws Exception {
        PBEKeySpec spec = new PBEKeySpec(key.toCharArray(), extra.path("salt").asText().getBytes(StandardCharsets.UTF_8),
                extra.path("iterations").asInt(), extra.path("keylen").asInt() * 8);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return Base64.getEncoder().encodeToString(derived);
    }

    private static void expectAbort(TestClient client, String reason) throws Exception {
        assertEquals(reason, client.expect(Abort.class).reason());
        client.awaitClose();
    }

    @Test
    void wampCraChallengeNamesTheSaltAndIsBoundToTheSession() throws Exception {
        String key = APPS.register("com.example.cra");
        TestClient client = hello("com.example.cra", "peer-7", "wampcra");
        Challenge challenge = client.expect(Challenge.class);
        assertEquals("wampcra", challenge.authMethod());
        assertEquals(1000, challenge.extra().path("iterations").asInt());
        assertEquals(32, challenge.extra().path("keylen").asInt());
        String text = challenge.extra().path("challenge").asText();
        JsonNode signed = new ObjectMapper().readTree(text);
        assertEquals("peer-7", signed.path("authid").asText());
        assertEquals("app", signed.path("authrole").asText());
        assertEquals("wampcra", signed.path("authmethod").asText());
        assertEquals("disco", signed.path("authprovider").asText());
        assertFalse(signed.path("nonce").asText().isEmpty());
        Instant made = Instant.parse(signed.path("timestamp").asText());
        assertFalse(Duration.between(made, Instant.now()).abs().toMinutes() > 1, "timestamp " + made);

        client.send(new Authenticate(WampCra.sign(derive(key, challenge.extra()), text), WampCodec.dict()));
        Welcome welcome = client.expect(Welcome.class);
        assertEquals(signed.path("session").asLong(), welcome.session());
        assertEquals("com.example.cra", welcome.details().path("realm").asText());
        assertEquals("peer-7", welcome.details().path("authid").asText());
        assertEquals("app", welcome.details().path("authrole").asText());
        assertEquals("wampcra", welcome.details().path("authmethod").asText());
        assertEquals("disco", welcome.details().path("authprovider").asText());
    }

    @Test
    void theClientsOrderOfMethodsDecides() throws Exception {
        APPS.register("com.example.order");
        assertEquals("ticket", hello("com.example.order", null, "ticket", "wampcra").expect(Challenge.class)
                .authMethod());
        assertEquals("wampcra", hello("com.example.order", null, "anonymous", "wampcra", "ticket")
                .expect(Challenge.class).authMethod());
    }

    @Test
    void aReplacedKeyWorksUntilItsGraceEnds() throws Exception {
        String first = APPS.register("com.example.rotated");
        Instant now = Instant.now();
        String second = APPS.rotate("com.example.rotated", now, now.plus(Duration.ofHours(1)));
        for (String key : List.of(first, second)) {
            TestClient client = hello("com.example.rotated", null, "ticket");
            client.expect(Challenge.class);
            client.send(new Authenticate(key, WampCodec.dict()));
            assertEquals("ticket", client.expect(Welcome.class).details().path("authmethod").asText());
        }
        String ended = APPS.register("com.example.ended");
        APPS.rotate("com.example.ended", now, now);
        TestClient client = hello("com.example.ended", null, "ticket");
        client.expect(Challenge.class);
        client.send(new Authenticate(ended, WampCodec.dict()));
        expectAbort(client, WampErrors.AUTHENTICATION_FAILED);
    }

    @Test
    void aChallengeIsAnsweredWithAuthenticateOnly() throws Exception {
        APPS.register("com.example.strict");
        TestClient client = hello("com.example.strict", null, "ticket");
        client.expect(Challenge.class);
        client.send(new Call(1, WampCodec.dict(), "com.example.p", null, null));
        expectAbort(client, WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void anAppRealmEmptiedIsMadeAnewForItsNextClient() throws Exception {
        String key = APPS.register("com.example.again");
        for (int round = 0; round < 2; round++) {
            TestClient client = hello("com.example.again", null, "ticket");
            client.expect(Challenge.class);
            client.send(new Authenticate(key, WampCodec.dict()));
            client.expect(Welcome.class);
            client.send(new Goodbye(WampCodec.dict(), WampErrors.CLOSE_NORMAL));
            client.expect(Goodbye.class);
            client.awaitClose();
        }
        assertEquals(0, router.sessions());
    }

    @Test
    void theAnonymousRealmServedBesideTheApps() throws Exception {
        Welcome welcome = hello("main", null).expect(Welcome.class);
        assertEquals("anonymous", welcome.details().path("authmethod").asText());
        expectAbort(hello("com.example.never-registered", null, "ticket"), WampErrors.NO_SUCH_REALM);
        expectAbort(hello("not a realm name", null, "ticket"), WampErrors.NO_SUCH_REALM);
    }
}
