package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;

import io.disco.turn.testing.Messages;
import io.disco.turn.testing.ReceivedDataIndication;
import io.disco.turn.testing.Reply;
import io.disco.turn.testing.UdpTurnClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * A relay allocated over UDP with the TURN REST credential {@code GET /ice-servers} handed out, as
 * a WebRTC peer allocates its relay candidate; closing it releases the allocation.
 */
final class RelayAllocation implements AutoCloseable {

    private final IceRelay server;
    private final UdpTurnClient client;
    private final String realm;
    private final String nonce;
    private final InetSocketAddress relayed;

    private RelayAllocation(IceRelay server, UdpTurnClient client, String realm, String nonce,
            InetSocketAddress relayed) {
        this.server = server;
        this.client = client;
        this.realm = realm;
        this.nonce = nonce;
        this.relayed = relayed;
    }

    /** Allocates on {@code server} from the client host {@code self}: 401 first, then with the credential. */
    static RelayAllocation allocate(IceRelay server, InetAddress self) throws Exception {
        UdpTurnClient client = new UdpTurnClient(server.address(), new InetSocketAddress(self, 0));
        try {
            Signed allocated = signedAllocate(client, server);
            require(allocated.reply().isSuccess(), () -> "the Allocate at " + server + " with the credential of"
                    + " GET /ice-servers failed with " + allocated.reply().code());
            return new RelayAllocation(server, client, allocated.realm(), allocated.nonce(),
                    allocated.reply().relayed());
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /**
     * What {@code server} answers an Allocate signed with its credential, after the 401 that
     * gives the realm and nonce; the caller reads the answer, which need not be a success.
     */
    static Signed signedAllocate(UdpTurnClient client, IceRelay server) throws Exception {
        Reply challenge = client.call(Messages.allocate().encode());
        require(challenge.code() == 401 && challenge.nonce() != null,
                () -> "an Allocate without credentials at " + server + " got " + challenge.code()
                        + ", not 401 with a nonce");
        Reply answer = client.call(Messages.allocate()
                .credentials(server.username(), challenge.realm(), challenge.nonce(), server.credential()).encode());
        return new Signed(challenge.realm(), challenge.nonce(), answer);
    }

    /** An answer to a signed Allocate, and the realm and nonce it was signed with. */
    record Signed(String realm, String nonce, Reply reply) {
    }

    IceRelay server() {
        return server;
    }

    InetSocketAddress relayed() {
        return relayed;
    }

    /** CreatePermission for {@code peer}, whose datagrams the relay then passes on. */
    void permit(InetSocketAddress peer) throws Exception {
        Reply permitted = client.call(signed(Messages.createPermission(peer)).encode());
        require(permitted.isSuccess(), () -> "CreatePermission for " + peer + " at " + server + " failed with "
                + permitted.code());
    }

    /** A Send indication: {@code data} to {@code peer} from the relayed address. */
    void send(InetSocketAddress peer, byte[] data) throws Exception {
        client.send(Messages.send(peer, data));
    }

    /** The next Data indication, or empty when none came within the client's timeout. */
    Optional<ReceivedDataIndication> receive() throws Exception {
        try {
            return Optional.of(ReceivedDataIndication.decode(client.receive()));
        } catch (SocketTimeoutException quiet) {
            return Optional.empty();
        }
    }

    private Messages signed(Messages request) {
        return request.credentials(server.username(), realm, nonce, server.credential());
    }

    /** A Refresh with lifetime 0, so that a draining server need not wait for the allocation to expire. */
    @Override
    public void close() throws Exception {
        try {
            client.call(signed(Messages.refresh(0)).encode());
        } finally {
            client.close();
        }
    }
}
