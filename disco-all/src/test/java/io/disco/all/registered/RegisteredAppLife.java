package io.disco.all.registered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.common.discovery.DiscoApiException;
import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.GroupNotFoundException;
import io.disco.common.discovery.RegisteredApp;
import io.disco.common.ice.IceServer;
import io.disco.common.ice.IceServers;
import io.disco.common.ice.IceUrl;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.testing.TestTls;
import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Authenticate;
import io.disco.signal.wamp.WampMessage.Challenge;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Welcome;
import io.disco.signal.wamp.WampSerializer;
import io.disco.turn.testing.EchoPeer;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.ReceivedDataIndication;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One registered application's life as its clients and its operator see it, whichever processes
 * serve the discovery API, the router and the relay: registered through the admin API, its key
 * serves its groups, joins its realm by WAMP ticket and buys TURN credentials from
 * GET /ice-servers that relay data; deleted, its session hears GOODBYE, its credentials and key
 * are refused and its group is gone. Each step asserts what it saw.
 */
final class RegisteredAppLife {

    /**
     * How long a deletion may take to reach a relay that hears of it through a store's notice:
     * less than the 10 s a relay on Redis keeps an app's answer, so that a notice it missed
     * could not pass for one it heard.
     */
    private static final long DELETION_HEARD_WITHIN_MILLIS = 3_000;

    private final URI api;
    private final URI signal;
    private final String adminToken;

    RegisteredAppLife(URI api, URI signal, String adminToken) {
        this.api = api;
        this.signal = signal;
        this.adminToken = adminToken;
    }

    /**
     * Lives {@code appId}'s life; the relay must be one of {@code turnUrls}, the TURN URLs
     * GET /ice-servers is expected to hand out, the first a UDP one on loopback.
     */
    void live(String appId, List<String> turnUrls) throws Exception {
        try (DiscoClient admin = client().adminToken(adminToken).build();
             EchoPeer peer = new EchoPeer()) {
            RegisteredApp app = admin.apps().register(appId, "End to end");
            String groupId;
            IceServer relay;
            try (DiscoClient client = client().appKey(appId, app.key()).build()) {
                groupId = client.createGroup(Group.of("office", appId,
                        List.of(new Peer("198.18.0.1:1337", "0X04AB", "Monica")))).value();
                assertEquals(appId, client.getGroup(groupId).appId(), "the app's key reads the group it created");
                relay = relayOf(client.iceServers(), appId, turnUrls);
            }
            int turnPort = IceUrl.parse(relay.urls().get(0)).port().orElseThrow();

            try (TestClient joined = joinByTicket(appId, app.key(), "node-1");
                 TestClient wrongKey = joinByTicket(appId, "not-" + app.key(), "node-2")) {
                Welcome welcome = joined.expect(Welcome.class);
                assertEquals("node-1", welcome.details().path("authid").asText(), welcome.toString());
                assertEquals("app", welcome.details().path("authrole").asText(), welcome.toString());
                assertEquals("ticket", welcome.details().path("authmethod").asText(), welcome.toString());
                assertEquals(WampErrors.AUTHENTICATION_FAILED, wrongKey.expect(Abort.class).reason());

                assertRelays(turnPort, relay, peer.address());

                admin.apps().delete(appId);
                assertEquals(WampErrors.CLOSE_REALM, joined.expect(Goodbye.class).reason(),
                        "the deleted app's session is ended");
            }
            assertRefusedOnceDeletionIsHeard(turnPort, relay);
            try (DiscoClient client = client().appKey(appId, app.key()).build()) {
                assertEquals(401, assertThrows(DiscoApiException.class, () -> client.getGroup(groupId)).status(),
                        "the deleted app's key is refused");
            }
            // The groups went with the app: registered anew, its new key finds none of them.
            RegisteredApp again = admin.apps().register(appId, "End to end, again");
            try (DiscoClient client = client().appKey(appId, again.key()).build()) {
                assertThrows(GroupNotFoundException.class, () -> client.getGroup(groupId),
                        "the deleted app's group is gone");
            }
            admin.apps().delete(appId);
        }
    }

    private DiscoClient.Builder client() {
        return DiscoClient.builder(api).trustCertificate(TestTls.certFile());
    }

    private static IceServer relayOf(IceServers ice, String appId, List<String> turnUrls) {
        assertEquals(1, ice.iceServers().size(), ice.toString());
        IceServer relay = ice.iceServers().get(0);
        assertEquals(turnUrls, relay.urls());
        assertTrue(relay.username().endsWith(":" + appId), relay.username());
        assertEquals(24 * 3600, ice.ttl(), "the default --ice-ttl");
        return relay;
    }

    /** HELLO offering the ticket method alone, answered with {@code key} when challenged. */
    private TestClient joinByTicket(String realm, String key, String authid) throws Exception {
        TestClient client =
                TestClient.connect(signal, WampSerializer.JSON, ClientTrust.certificate(TestTls.certFile()));
        ObjectNode details = TestClient.helloDetails(true).put("authid", authid);
        details.putArray("authmethods").add("ticket");
        client.send(new Hello(realm, details));
        assertEquals("ticket", client.expect(Challenge.class).authMethod());
        client.send(new Authenticate(key, WampCodec.dict()));
        return client;
    }

    /** Allocates with {@code relay}'s credentials and sends {@code peer} a datagram through it, which comes back. */
    private static void assertRelays(int turnPort, IceServer relay, InetSocketAddress peer) throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(new InetSocketAddress("127.0.0.1", turnPort))) {
            Reply challenge = client.call(Messages.allocate().encode());
            assertEquals(401, challenge.code(), "an Allocate without credentials is challenged");
            Reply allocated = client.call(signed(Messages.allocate(), relay, challenge).encode());
            assertTrue(allocated.isSuccess(), "the relay takes the credentials the API issued: " + allocated.code());
            assertTrue(client.call(signed(Messages.createPermission(peer), relay, challenge).encode()).isSuccess());

            byte[] data = "relayed for a registered app".getBytes(StandardCharsets.UTF_8);
            client.send(Messages.send(peer, data));
            ReceivedDataIndication echoed = ReceivedDataIndication.decode(client.receive());
            assertEquals(peer, echoed.peer());
            assertArrayEquals(data, echoed.data(), "the data went through the relay and back intact");
        }
    }

    /** The deletion reaches the relay at once in one process, through the store's notice across processes. */
    private static void assertRefusedOnceDeletionIsHeard(int turnPort, IceServer relay) throws Exception {
        long deadline = System.currentTimeMillis() + DELETION_HEARD_WITHIN_MILLIS;
        int code;
        while (true) {
            try (UdpTurnClient client = new UdpTurnClient(new InetSocketAddress("127.0.0.1", turnPort))) {
                Reply challenge = client.call(Messages.allocate().encode());
                code = client.call(signed(Messages.allocate(), relay, challenge).encode()).code();
            }
            if (code == 401 || System.currentTimeMillis() > deadline) {
                break;
            }
            // Paced below the relay's limit on 401s per source address (10/s), which would go unanswered.
            Thread.sleep(250);
        }
        assertEquals(401, code, "a deleted app's TURN credentials are refused");
    }

    private static Messages signed(Messages request, IceServer relay, Reply challenge) {
        return request.credentials(relay.username(), challenge.realm(), challenge.nonce(), relay.credential())
                .fingerprint();
    }
}
