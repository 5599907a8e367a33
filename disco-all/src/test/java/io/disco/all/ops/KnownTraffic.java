package io.disco.all.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.testing.TestTls;
import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampMessage.Yield;
import io.disco.signal.wamp.WampSerializer;
import io.disco.turn.testing.EchoPeer;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.ReceivedDataIndication;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic whose figures are known, through the project's own clients, so that what the metrics
 * say can be compared with what was done: groups created, updated and deleted through the
 * discovery API; one WAMP call between two sessions; one TURN allocation over UDP relaying
 * {@link #PACKETS} datagrams to a peer, which echoes each back. Every step asserts that it
 * happened, so a figure that disagrees is the metrics' fault. The allocation stays open until
 * {@link #close()}.
 */
final class KnownTraffic implements AutoCloseable {

    static final int GROUPS_CREATED = 3;
    static final int GROUPS_UPDATED = 1;
    static final int GROUPS_DELETED = 1;
    /** Sessions joined: a callee and a caller. */
    static final int SESSIONS_JOINED = 2;
    static final int CALLS = 1;
    static final int PACKETS = 7;
    static final int PACKET_BYTES = 100;
    /** The Allocate without credentials that every client sends first, answered 401. */
    static final int CHALLENGES = 1;

    private final EchoPeer peer;
    private final UdpTurnClient relayClient;

    private KnownTraffic(EchoPeer peer, UdpTurnClient relayClient) {
        this.peer = peer;
        this.relayClient = relayClient;
    }

    static KnownTraffic drive(DiscoWithMetrics disco) throws Exception {
        groups(disco);
        call(disco);
        EchoPeer peer = new EchoPeer();
        UdpTurnClient client = new UdpTurnClient(disco.turn());
        KnownTraffic traffic = new KnownTraffic(peer, client);
        try {
            traffic.relay();
            return traffic;
        } catch (Exception | AssertionError e) {
            traffic.close();
            throw e;
        }
    }

    private static void groups(DiscoWithMetrics disco) {
        try (DiscoClient client = DiscoClient.builder(disco.api()).trustCertificate(TestTls.certFile()).build()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < GROUPS_CREATED; i++) {
                ids.add(client.createGroup(Group.of("group " + i, "metrics", List.of())).value());
            }
            client.updateGroup(ids.get(0), Group.of("renamed", "metrics", List.of()));
            client.deleteGroup(ids.get(1));
            assertEquals(GROUPS_CREATED - GROUPS_DELETED, client.listGroups("metrics").size());
        }
    }

    private static void call(DiscoWithMetrics disco) throws Exception {
        ClientTrust trust = ClientTrust.certificate(TestTls.certFile());
        try (TestClient callee = TestClient.connect(disco.signal(), WampSerializer.JSON, trust);
             TestClient caller = TestClient.connect(disco.signal(), WampSerializer.JSON, trust)) {
            callee.join("main");
            caller.join("main");
            callee.send(new Register(callee.nextRequest(), WampCodec.dict(), "com.example.offer"));
            callee.expect(Registered.class);
            long request = caller.nextRequest();
            caller.send(new Call(request, WampCodec.dict(), "com.example.offer", TestClient.args("sdp offer"), null));
            Invocation invocation = callee.expect(Invocation.class);
            callee.send(new Yield(invocation.request(), WampCodec.dict(), TestClient.args("sdp answer"), null));
            Result result = caller.expect(Result.class);
            assertEquals(request, result.request());
        }
    }

    private void relay() throws Exception {
        Reply challenge = relayClient.call(Messages.allocate().encode());
        assertEquals(401, challenge.code(), "an Allocate without credentials is challenged");
        Reply allocated = relayClient.call(signed(Messages.allocate(), challenge).encode());
        assertTrue(allocated.isSuccess(), "allocated: " + allocated.code());
        assertTrue(relayClient.call(signed(Messages.createPermission(peer.address()), challenge).encode()).isSuccess());
        for (int i = 0; i < PACKETS; i++) {
            byte[] data = new byte[PACKET_BYTES];
            data[0] = (byte) i;
            relayClient.send(Messages.send(peer.address(), data));
            // One at a time, so that UDP loses none on the way.
            ReceivedDataIndication echoed = ReceivedDataIndication.decode(relayClient.receive());
            assertArrayEquals(data, echoed.data(), "datagram " + i + " went to the peer and back");
        }
    }

    private static Messages signed(Messages request, Reply challenge) {
        return request.credentials(DiscoWithMetrics.TURN_USER, challenge.realm(), challenge.nonce(),
                DiscoWithMetrics.TURN_PASSWORD).fingerprint();
    }

    @Override
    public void close() throws InterruptedException {
        relayClient.close();
        peer.close();
    }
}
