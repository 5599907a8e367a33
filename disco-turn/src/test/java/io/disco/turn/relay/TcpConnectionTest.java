package io.disco.turn.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.disco.turn.allocation.AllocationTable;
import io.disco.turn.allocation.FiveTuple;
import io.disco.turn.allocation.Transport;
import io.disco.turn.testing.Messages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How a connection ends when reading it fails: quietly for the network's faults, loudly for ours. */
class TcpConnectionTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(TcpConnection.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final StreamConnections connections = new StreamConnections(new AllocationTable(1, 1), Clock.systemUTC(), 1);
    private Selector selector;
    private SocketChannel client;
    private SocketChannel accepted;

    @BeforeEach
    void connect() throws IOException {
        logged.start();
        logger.addAppender(logged);
        selector = Selector.open();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client = SocketChannel.open(server.getLocalAddress());
            accepted = server.accept();
        }
        accepted.configureBlocking(false);
    }

    @AfterEach
    void close() throws IOException {
        logger.detachAppender(logged);
        client.close();
        accepted.close();
        selector.close();
    }

    private TcpConnection connection(TcpConnection.FrameHandler frames) throws IOException {
        FiveTuple fiveTuple = new FiveTuple((InetSocketAddress) accepted.getRemoteAddress(),
                (InetSocketAddress) accepted.getLocalAddress(), Transport.TCP);
        TcpConnection connection = new TcpConnection(accepted, selector, fiveTuple, null, frames, connections, 0);
        connections.opened(connection);
        return connection;
    }

    /** Runs the selector as its thread would until the connection has ended. */
    private void serveUntilClosed(TcpConnection connection) throws IOException {
        for (int round = 0; round < 50 && connections.count() > 0; round++) {
            selector.select(key -> ((TcpConnection) key.attachment()).onReady(key), 100);
        }
        assertEquals(0, connections.count(), "the connection closed");
        assertFalse(accepted.isOpen(), "its socket closed");
    }

    private List<ILoggingEvent> warnings() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
    }

    @Test
    void anUnexpectedFaultIsLoggedWithItsStackOnceAndTheConnectionCloses() throws IOException {
        TcpConnection connection = connection((from, bytes, offset, length) -> {
            throw new IllegalStateException("a fault of ours");
        });
        // Two frames in one segment: the fault on the first ends the connection, and its log.
        client.write(ByteBuffer.wrap(Messages.binding().encode()));
        client.write(ByteBuffer.wrap(Messages.binding().encode()));
        serveUntilClosed(connection);
        assertEquals(1, warnings().size(), () -> "one warning: " + logged.list);
        ILoggingEvent warning = warnings().get(0);
        assertTrue(warning.getFormattedMessage().contains("unexpected"), warning.getFormattedMessage());
        assertInstanceOf(ThrowableProxy.class, warning.getThrowableProxy(), "with its stack");
        assertEquals(IllegalStateException.class.getName(), warning.getThrowableProxy().getClassName());
        assertEquals(-1, client.read(ByteBuffer.allocate(16)), "the client sees the end");
    }

    @Test
    void aResetConnectionClosesQuietly() throws IOException {
        TcpConnection connection = connection((from, bytes, offset, length) -> { });
        client.setOption(StandardSocketOptions.SO_LINGER, 0);
        client.close();
        serveUntilClosed(connection);
        assertEquals(List.of(), warnings());
    }
}
