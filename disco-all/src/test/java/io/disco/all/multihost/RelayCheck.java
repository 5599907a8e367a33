package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;
import static io.disco.all.multihost.UdpReflector.describe;

import io.disco.common.tls.ClientTrust;
import io.disco.turn.testing.Messages;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.StreamTurnClient;
import io.disco.turn.testing.TurnTestClient;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.message.Message;

/**
 * The turn host as a WebRTC peer uses it: a relay allocated with long-term credentials, which
 * must be the turn host's {@code --address} whatever address the client reached the server at.
 */
final class RelayCheck {

    private final Deployment deployment;
    private volatile InetSocketAddress relayed;

    RelayCheck(Deployment deployment) {
        this.deployment = deployment;
    }

    /** The relayed address of the UDP allocation, once made. */
    InetSocketAddress relayed() {
        return relayed;
    }

    /**
     * Allocates over UDP, then sends the peer a datagram through the relay: the peer answers with
     * the address it saw it come from, which must be the relayed address (--relay-bind at work).
     */
    String overUdp() throws Exception {
        try (UdpTurnClient client = new UdpTurnClient(deployment.turn(), new InetSocketAddress(deployment.self(), 0))) {
            Allocation allocation = allocate(client);
            InetSocketAddress mapped = allocation.reply().mapped();
            require(deployment.self().equals(mapped.getAddress()),
                    () -> "XOR-MAPPED-ADDRESS is " + mapped + ", not the client host's " + deployment.self());
            relayed = allocation.reply().relayed();

            InetSocketAddress peer = deployment.peer();
            Reply permitted = client.call(signed(Messages.createPermission(peer), allocation.nonce()).encode());
            require(permitted.isSuccess(), () -> "CreatePermission for " + peer + " failed with " + permitted.code());
            client.send(Messages.send(peer, "where does this come from?".getBytes(StandardCharsets.UTF_8)));
            Message data = Reply.of(client.receive()).message();
            require(data.getMessageType() == Message.DATA_INDICATION, () -> "expected a Data indication, got " + data);
            InetSocketAddress from = ((XorPeerAddressAttribute) data.getAttribute(Attribute.XOR_PEER_ADDRESS))
                    .getAddress(data.getTransactionID());
            require(describe(from).equals(describe(peer)),
                    () -> "the Data indication is from " + from + ", not " + peer);
            byte[] answer = ((DataAttribute) data.getAttribute(Attribute.DATA)).getData();
            String seen = new String(answer, StandardCharsets.UTF_8);
            require(seen.equals(describe(relayed)),
                    () -> "the peer saw the datagram come from " + seen + ", not from the relayed " + relayed);
            return "allocated " + describe(relayed) + " via udp " + describe(deployment.turn()) + " as "
                    + deployment.user() + "; the peer " + describe(peer)
                    + " got a datagram through it from that address, and its answer came back";
        }
    }

    /** Allocates over TLS, the turn host's certificate checked against its address. */
    String overTls() throws Exception {
        ClientTrust trust = ClientTrust.certificate(deployment.ca());
        try (StreamTurnClient client = StreamTurnClient.tls(deployment.turns(), trust)) {
            InetSocketAddress tlsRelayed = allocate(client).reply().relayed();
            return "allocated " + describe(tlsRelayed) + " via tls " + describe(deployment.turns()) + " ("
                    + client.tlsProtocol() + ", certificate for " + deployment.turns().getAddress().getHostAddress()
                    + ")";
        }
    }

    /** An Allocate answered 401, then again with the credentials; checks the relayed address. */
    private Allocation allocate(TurnTestClient client) throws Exception {
        Reply challenge = client.call(Messages.allocate().encode());
        require(challenge.code() == 401 && challenge.nonce() != null,
                () -> "an Allocate without credentials got " + challenge.code() + ", not 401 with a nonce");
        require(deployment.realm().equals(challenge.realm()),
                () -> "the server's realm is " + challenge.realm() + ", not " + deployment.realm());
        Reply allocated = client.call(signed(Messages.allocate(), challenge.nonce()).encode());
        require(allocated.isSuccess(), () -> "the Allocate with credentials failed with " + allocated.code());
        InetSocketAddress address = allocated.relayed();
        require(deployment.relayAddress().equals(address.getAddress()), () -> "XOR-RELAYED-ADDRESS is " + address
                + ", not the --address " + deployment.relayAddress().getHostAddress());
        return new Allocation(challenge.nonce(), allocated);
    }

    private Messages signed(Messages request, String nonce) {
        return request.credentials(deployment.user(), deployment.realm(), nonce, deployment.password());
    }

    /** An allocation's success response, and the nonce its further requests are signed with. */
    private record Allocation(String nonce, Reply reply) {
    }
}
