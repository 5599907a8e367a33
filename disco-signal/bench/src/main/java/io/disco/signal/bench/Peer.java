package io.disco.signal.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.ProtocolViolation;
import io.disco.signal.wamp.WampCodec;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WAMP session of the driver: caller and callee. On Jetty's core websocket API, as disco's
 * router is: frames arrive as bytes and are parsed as such; Jetty's websocket API would first
 * make each 2 KB message a String (a quarter of the driver's CPU).
 */
final class Peer implements FrameHandler {

    static final WampSerializer JSON = WampSerializer.JSON;

    final int index;
    final CompletableFuture<Void> welcome = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final Map<Long, Long> pending = new ConcurrentHashMap<>();   // request id -> due time (ns)
    final Set<Long> expired = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final String realm;
    private final Arguments arguments;
    private final LoadPhase phase;
    private final CallTally tally;
    private final RunErrors errors;
    private volatile CoreSession session;
    private volatile String target;
    private volatile boolean closingSelf;   // closed by the driver: its close events are no error
    private volatile CompletableFuture<Void> registered;
    private volatile long registerRequest;

    Peer(int index, String realm, Arguments arguments, LoadPhase phase, CallTally tally, RunErrors errors) {
        this.index = index;
        this.realm = realm;
        this.arguments = arguments;
        this.phase = phase;
        this.tally = tally;
        this.errors = errors;
    }

    boolean isOpen() {
        CoreSession s = session;
        return s != null && s.isOutputOpen();
    }

    /** Registers {@code procedure} and, from then on, calls {@code target}. */
    CompletableFuture<Void> register(String procedure, String target) {
        this.target = target;
        registered = new CompletableFuture<>();
        registerRequest = requests.incrementAndGet();
        send(new WampMessage.Register(registerRequest, WampCodec.dict(), procedure));
        return registered;
    }

    /** Sends one call to its target; its latency counts from {@code due}. */
    void call(long due) {
        long request = requests.incrementAndGet();
        pending.put(request, due);
        tally.sent.increment();
        sendFrame(callText(request, target, arguments.call()));
    }

    void close() {
        closingSelf = true;
        CoreSession s = session;
        if (s != null && s.isOutputOpen()) {
            s.close(CloseStatus.NORMAL, "bench done", Callback.NOOP);
        } else {
            closed.complete(null);
        }
    }

    private void send(WampMessage message) {
        ByteBuffer encoded = JSON.encodeTransient(message);
        sendFrame(ByteBuffer.allocate(encoded.remaining()).put(encoded).flip());
    }

    /** {@code [CALL, request, {}, procedure, [argument]]}, written by hand as bytes. */
    static ByteBuffer callText(long request, String procedure, Argument argument) {
        return text(Argument.ascii("[" + WampMessage.CALL + "," + request + ",{},\"" + procedure + "\""), argument);
    }

    /** {@code [YIELD, request, {}, [argument]]}, written by hand as bytes. */
    static ByteBuffer yieldText(long request, Argument argument) {
        return text(Argument.ascii("[" + WampMessage.YIELD + "," + request + ",{}"), argument);
    }

    private static ByteBuffer text(byte[] head, Argument argument) {
        byte[] args = argument.json();
        return ByteBuffer.allocate(head.length + args.length).put(head).put(args).flip();
    }

    private void sendFrame(ByteBuffer payload) {
        CoreSession s = session;
        if (s == null) {
            errors.count("send before open", "session " + index + " sent before its websocket opened");
            return;
        }
        s.sendFrame(new Frame(OpCode.TEXT, true, payload), Callback.from(() -> { }, failure -> {
            if (!phase.isClosing()) {
                errors.count("send failed", "session " + index + ": " + failure);
            }
        }), false);
    }

    @Override
    public void onOpen(CoreSession session, Callback callback) {
        this.session = session;
        ObjectNode details = WampCodec.dict();
        ObjectNode roles = details.putObject("roles");
        roles.putObject("caller");
        roles.putObject("callee");
        send(new WampMessage.Hello(realm, details));
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT -> {
                if (frame.isFin()) {
                    onText(frame.getPayload());
                } else {
                    errors.count("fragmented message", "session " + index + ": the router split a message into frames");
                }
            }
            case OpCode.BINARY, OpCode.CONTINUATION ->
                    errors.count("binary frame", "session " + index + ": the router sent a binary frame on wamp.2.json");
            default -> {
                // PING is answered by Jetty once the callback completes; PONG and CLOSE need nothing.
            }
        }
        callback.succeeded();
        session.demand();
    }

    private void onText(ByteBuffer frame) {
        WampMessage message;
        ByteBuffer bytes = frame.slice();
        try {
            message = JSON.decode(frame);
        } catch (ProtocolViolation e) {
            errors.count("undecodable frame", "session " + index + ": " + e.getMessage() + ": " + abbreviate(bytes));
            return;
        }
        if (message instanceof WampMessage.Invocation invocation) {
            Argument call = arguments.call();
            if (!call.ends(bytes) && !call.matches(invocation.args())) {
                errors.count("bad INVOCATION args", "session " + index + ": " + abbreviate(bytes));
            }
            sendFrame(yieldText(invocation.request(), arguments.yield()));
        } else if (message instanceof WampMessage.Result result) {
            onResult(result, arguments.yield().ends(bytes));
        } else if (message instanceof WampMessage.Welcome) {
            welcome.complete(null);
        } else if (message instanceof WampMessage.Registered reply) {
            if (reply.request() == registerRequest) {
                registered.complete(null);
            } else {
                errors.count("unexpected REGISTERED", "session " + index + ": " + abbreviate(bytes));
            }
        } else if (message instanceof WampMessage.Error failure) {
            errors.count("ERROR " + failure.error(), "session " + index + ": " + abbreviate(bytes));
            if (failure.requestType() == WampMessage.REGISTER && registered != null) {
                registered.completeExceptionally(new IllegalStateException("REGISTER refused: " + failure.error()));
            } else if (failure.requestType() == WampMessage.CALL && pending.remove(failure.request()) != null
                    && phase.callsAgain()) {
                call(System.nanoTime());
            }
        } else if (message instanceof WampMessage.Abort abort) {
            errors.count("ABORT " + abort.reason(), "session " + index + ": " + abbreviate(bytes));
            welcome.completeExceptionally(new IllegalStateException("ABORT " + abort.reason()));
        } else if (message instanceof WampMessage.Goodbye goodbye) {
            errors.count("GOODBYE " + goodbye.reason(), "session " + index + ": " + abbreviate(bytes));
        } else {
            errors.count("unexpected message " + message.code(), "session " + index + ": " + abbreviate(bytes));
        }
    }

    private void onResult(WampMessage.Result result, boolean argsAsSent) {
        long now = System.nanoTime();
        Long due = pending.remove(result.request());
        if (due == null) {
            if (expired.remove(result.request())) {
                tally.lateResults.increment();   // already counted as a timeout
            } else {
                errors.count("unexpected RESULT", "session " + index + ": request " + result.request());
            }
            return;
        }
        if (!argsAsSent && !arguments.yield().matches(result.args())) {
            errors.count("bad RESULT args", "session " + index + ": request " + result.request());
        }
        tally.complete(now - due);
        if (phase.callsAgain()) {
            call(System.nanoTime());
        }
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        callback.succeeded();
        if (!phase.isClosing() && !closingSelf) {
            errors.count("closed by router", "session " + index + ": websocket closed " + status.getCode() + " "
                    + status.getReason());
            welcome.completeExceptionally(new IllegalStateException("closed " + status.getCode() + " "
                    + status.getReason()));
        }
        closed.complete(null);
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
        if (!phase.isClosing() && !closingSelf) {
            errors.count("websocket error", "session " + index + ": " + cause);
            welcome.completeExceptionally(cause);
        }
        closed.complete(null);
    }

    /** The start of a frame, for an error line: only frames in error are made strings. */
    private static String abbreviate(ByteBuffer frame) {
        String text = StandardCharsets.UTF_8.decode(frame.duplicate()).toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
