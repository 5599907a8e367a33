package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;
import static io.disco.signal.transport.TestClient.args;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.disco.common.tls.ClientTrust;
import io.disco.signal.transport.TestClient;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampErrors;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampMessage.Yield;
import io.disco.signal.wamp.WampSerializer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The signal host as two Babble nodes use it: one registers its public key, the other calls that
 * key with an offer and gets the answer back. The offer names the relay the client was given, as
 * a WebRTC offer's relay candidate would.
 */
final class SignalingCheck {

    /** The client's Babble key: {@code 0X04} and 128 hex digits. */
    static final String CLIENT_KEY = "0X04" + "C1".repeat(64);
    static final String CALLEE_KEY = "0X04" + "B2".repeat(64);

    private final Deployment deployment;
    private final InetSocketAddress relayed;

    SignalingCheck(Deployment deployment, InetSocketAddress relayed) {
        this.deployment = deployment;
        this.relayed = relayed;
    }

    String run() throws Exception {
        ClientTrust trust = ClientTrust.certificate(deployment.ca());
        try (TestClient callee = TestClient.connect(deployment.signal(), WampSerializer.JSON, trust);
             TestClient caller = TestClient.connect(deployment.signal(), WampSerializer.JSON, trust)) {
            long calleeSession = callee.join(deployment.realm()).session();
            long callerSession = caller.join(deployment.realm()).session();
            callee.send(new Register(1, WampCodec.dict(), CALLEE_KEY));
            callee.expect(Registered.class);

            String offer = RelayCandidate.description("offer", relayed);
            caller.send(new Call(1, WampCodec.dict(), CALLEE_KEY, args(CLIENT_KEY, offer), null));
            Invocation invocation = callee.expect(Invocation.class);
            require(texts(invocation.args()).equals(List.of(CLIENT_KEY, offer)),
                    () -> "the callee got " + invocation.args() + ", not the caller's key and offer");
            String answer = offer.replace("offer", "answer");
            callee.send(new Yield(invocation.request(), WampCodec.dict(), args(answer), null));
            Result result = caller.expect(Result.class);
            require(texts(result.args()).equals(List.of(answer)),
                    () -> "the caller got " + result.args() + ", not the answer");

            leave(callee);
            leave(caller);
            return "sessions " + calleeSession + " and " + callerSession + " joined realm " + deployment.realm()
                    + " at " + deployment.signal() + ", swapped an offer naming relay " + UdpReflector.describe(relayed)
                    + " for an answer, and left";
        }
    }

    /** A message's positional arguments as strings; none when it has no arguments. */
    static List<String> texts(ArrayNode args) {
        List<String> texts = new ArrayList<>();
        if (args != null) {
            args.forEach(arg -> texts.add(arg.asText()));
        }
        return texts;
    }

    static void leave(TestClient session) throws InterruptedException {
        session.send(new Goodbye(WampCodec.dict(), WampErrors.CLOSE_NORMAL));
        String reason = session.expect(Goodbye.class).reason();
        require(reason.equals(WampErrors.GOODBYE_AND_OUT), () -> "GOODBYE answered with " + reason);
    }
}
