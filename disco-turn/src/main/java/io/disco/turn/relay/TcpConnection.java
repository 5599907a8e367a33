package io.disco.turn.relay;

import io.disco.turn.allocation.ClientLink;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.stun.ChannelDataFrame;
import io.disco.turn.stun.StreamFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection, TLS or not (RFC 5766 §2.1): the 5-tuple its allocation is keyed
 * by, and the way back to the client.
 *
 * <p>Reading is the selector thread's alone: bytes collect in {@code inbound}, which grows only as
 * far as the longest frame (and, with TLS, one record) needs, and every whole frame in it is handed
 * to its {@link FrameHandler}. Sending happens on any thread (the selector thread answers requests,
 * the relay thread forwards peers' datagrams) under this object's lock: straight to the socket
 * while nothing waits, else into a bounded {@link SendQueue} that the selector thread drains when
 * the socket is writable. A client that lets the queue fill up is disconnected.
 */
final class TcpConnection implements ClientLink {

    /** Where a connection's whole frames go, in order, on the selector thread. */
    interface FrameHandler {
        /** Handles the frame of {@code length} bytes at {@code offset} of {@code bytes}. */
        void handle(TcpConnection from, byte[] bytes, int offset, int length);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);
    /** Bytes a client may leave unread before it is cut off: some hundreds of relayed packets. */
    static final int MAX_QUEUED = 256 * 1024;
    private static final int INITIAL_BUFFER = 4096;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final FiveTuple fiveTuple;
    private final TlsSession tls;
    private final FrameHandler frames;
    private final StreamConnections connections;
    private final long acceptedAtMillis;
    private final int inboundRoom;
    private ByteBuffer inbound;
    /** The length of the frame that {@code inbound} holds the start of, or 0 when not known yet. */
    private int partialFrame;
    private final ChallengeStreak challenges = new ChallengeStreak();

    private final SendQueue queue;
    private final ByteBuffer padding = ByteBuffer.allocate(3);
    private final ByteBuffer[] frameAndPadding = new ByteBuffer[2];
    private boolean writeInterest;
    /** Whether frames given to {@link #sendHeld} wait in the queue for {@link #flush}. */
    private boolean holding;
    private boolean closed;

    /** Registers {@code channel} with {@code selector}; called on the selector's thread. */
    TcpConnection(SocketChannel channel, Selector selector, FiveTuple fiveTuple, TlsSession tls,
                  FrameHandler frames, StreamConnections connections, long acceptedAtMillis) throws IOException {
        this.channel = channel;
        this.acceptedAtMillis = acceptedAtMillis;
        this.fiveTuple = fiveTuple;
        this.tls = tls;
        this.frames = frames;
        this.connections = connections;
        this.inboundRoom = tls == null ? 1 : tls.plaintextRoom();
        this.inbound = ByteBuffer.allocate(INITIAL_BUFFER + (tls == null ? 0 : inboundRoom));
        this.queue = new SendQueue(tls == null ? INITIAL_BUFFER : tls.packetSize(), MAX_QUEUED);
        this.key = channel.register(selector, SelectionKey.OP_READ, this);
    }

    FiveTuple fiveTuple() {
        return fiveTuple;
    }

    long acceptedAtMillis() {
        return acceptedAtMillis;
    }

    /** The challenges this connection drew in a row. */
    ChallengeStreak challenges() {
        return challenges;
    }

    /** Handles what the selector found ready; closes the connection when it broke. */
    void onReady(SelectionKey ready) {
        try {
            if (ready.isWritable()) {
                drainQueue();
            }
            if (ready.isValid() && ready.isReadable()) {
                receive();
            }
        } catch (IOException | CancelledKeyException e) {
            // A reset connection, a failed TLS handshake, or a key cancelled by a close elsewhere.
            close();
        } catch (RuntimeException e) {
            // Nothing a client sends should end here (a frame's handling catches its own): a fault
            // of ours, worth its stack. Once per connection: closing cancels its key, so the
            // selector does not come back to it.
            LOG.warn("Closing the {} connection of {} after an unexpected error", fiveTuple.transport(),
                    fiveTuple.client(), e);
            close();
        }
    }

    private void receive() throws IOException {
        while (true) {
            makeRoom();
            int room = inbound.remaining();
            int added = tls == null ? channel.read(inbound) : tls.read(channel, inbound, this);
            if (added < 0) {
                close();
                return;
            }
            if (added > 0 && !deliverFrames()) {
                // Neither STUN nor ChannelData: the stream cannot be followed any further.
                close();
                return;
            }
            // A plain read that did not fill the room emptied the socket; TLS may hold more records.
            if (added == 0 || (tls == null && added < room)) {
                return;
            }
        }
    }

    /** Hands every whole frame on and keeps the start of the next. */
    private boolean deliverFrames() {
        inbound.flip();
        byte[] bytes = inbound.array();
        try {
            while (true) {
                int at = inbound.position();
                int length = StreamFrame.length(bytes, at, inbound.remaining());
                if (length == StreamFrame.NOT_A_FRAME) {
                    return false;
                }
                if (length == 0 || length > inbound.remaining()) {
                    partialFrame = length;
                    return true;
                }
                frames.handle(this, bytes, at, length);
                inbound.position(at + length);
            }
        } finally {
            inbound.compact();
        }
    }

    /** Grows {@code inbound} when the frame it holds the start of, or the next record, would not fit. */
    private void makeRoom() {
        int needed = Math.max(partialFrame, inbound.position()) + inboundRoom;
        if (needed <= inbound.capacity()) {
            return;
        }
        ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, Math.min(inbound.capacity() * 2,
                StreamFrame.MAX_LENGTH + inboundRoom)));
        inbound.flip();
        larger.put(inbound);
        inbound = larger;
    }

    /**
     * Sends a STUN message or ChannelData frame, padding ChannelData to a multiple of four bytes
     * as a stream requires (RFC 5766 §11.5). Never blocks.
     */
    @Override
    public void send(ByteBuffer frame) {
        boolean sent;
        synchronized (this) {
            if (closed) {
                return;
            }
            padFor(frame);
            frameAndPadding[0] = frame;
            frameAndPadding[1] = padding;
            try {
                sent = tls == null ? writeOrQueue() : tls.wrap(frameAndPadding, queue) && writeQueued();
            } catch (IOException e) {
                sent = false;
            } finally {
                frameAndPadding[0] = null;
            }
        }
        if (!sent) {
            close();
        }
    }

    /**
     * Plain TCP: appends the frame to what waits for the socket, written at {@link #flush}; over
     * TLS, where the queue holds records, it is sent at once.
     */
    @Override
    public void sendHeld(ByteBuffer frame) {
        if (tls != null) {
            send(frame);
            return;
        }
        boolean held;
        synchronized (this) {
            if (closed) {
                return;
            }
            padFor(frame);
            held = queue.add(frame) && queue.add(padding);
            holding = held;
        }
        if (!held) {
            close();
        }
    }

    @Override
    public void flush() {
        boolean written;
        synchronized (this) {
            if (closed || !holding) {
                return;
            }
            holding = false;
            try {
                written = writeQueued();
            } catch (IOException e) {
                written = false;
            }
        }
        if (!written) {
            close();
        }
    }

    /** Sets {@code padding} to what follows {@code frame} on the stream (RFC 5766 §11.5). */
    private void padFor(ByteBuffer frame) {
        boolean channelData = frame.hasRemaining() && ChannelDataFrame.isChannelData(frame.get(frame.position()));
        padding.clear().limit(channelData ? StreamFrame.channelDataPadding(frame.remaining()) : 0);
    }

    /** Plain TCP: straight to the socket when nothing is queued, the rest (if any) queued. */
    private boolean writeOrQueue() throws IOException {
        if (queue.isEmpty()) {
            channel.write(frameAndPadding);
        }
        // Not a second send: the write moved the buffers' positions past what the socket took, and
        // the queue takes only what remains (nothing, usually). With bytes queued already, the
        // whole frame goes behind them so the stream keeps its order.
        if (!queue.add(frameAndPadding[0]) || !queue.add(frameAndPadding[1])) {
            return false;
        }
        awaitWritableIfQueued();
        return true;
    }

    /** Writes what the queue holds (records, with TLS) as far as the socket takes it now. */
    private boolean writeQueued() throws IOException {
        queue.writeTo(channel);
        awaitWritableIfQueued();
        return true;
    }

    private void awaitWritableIfQueued() {
        if (!queue.isEmpty() && !writeInterest) {
            writeInterest = true;
            key.interestOpsOr(SelectionKey.OP_WRITE);
            key.selector().wakeup();
        }
    }

    /** Sends the handshake message the TLS engine asks for; false when the connection is done. */
    boolean sendHandshake() throws IOException {
        synchronized (this) {
            return !closed && tls.wrapHandshake(queue) && writeQueued();
        }
    }

    private void drainQueue() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.writeTo(channel);
            if (queue.isEmpty()) {
                writeInterest = false;
                key.interestOpsAnd(~SelectionKey.OP_WRITE);
            }
        }
    }

    /** Closes the socket and frees the allocation made over it (RFC 5766 §2.1); idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // The allocation goes first, so that it is gone by the time the client sees the end.
        connections.closed(this);
        try {
            channel.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }
}
