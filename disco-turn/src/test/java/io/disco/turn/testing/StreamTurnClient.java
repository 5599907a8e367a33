package io.disco.turn.testing;

import io.disco.common.testing.TestTls;
import io.disco.common.tls.ClientTrust;
import io.disco.turn.stun.StreamFrame;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A tiny TURN client over a real TCP or TLS connection: writes what {@link Messages} builds, and
 * reads the stream back frame by frame (RFC 5766 §2.1 framing, ChannelData padding included).
 */
public final class StreamTurnClient extends TurnTestClient {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private StreamTurnClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static StreamTurnClient tcp(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, 5000);
        return new StreamTurnClient(socket);
    }

    /** Over TLS, trusting the project's test certificate; {@code protocols} narrows the versions offered. */
    public static StreamTurnClient tls(InetSocketAddress server, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) ClientTrust.certificate(TestTls.certFile()).sslContext().getSocketFactory()
                .createSocket();
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.connect(server, 5000);
        socket.startHandshake();
        return new StreamTurnClient(socket);
    }

    /** Over TLS, trusting what {@code trust} trusts, with the server's address checked against its certificate. */
    public static StreamTurnClient tls(InetSocketAddress server, ClientTrust trust) throws IOException {
        SSLSocket socket = (SSLSocket) trust.sslContext().getSocketFactory().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.connect(server, 5000);
        socket.startHandshake();
        return new StreamTurnClient(socket);
    }

    /** The TLS version agreed on. */
    public String tlsProtocol() {
        return ((SSLSocket) socket).getSession().getProtocol();
    }

    /** Starts a second TLS handshake on the connection (TLS 1.2 renegotiation). */
    public void renegotiate() throws IOException {
        ((SSLSocket) socket).startHandshake();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Writes {@code bytes} in one write: one TCP segment for anything this small, with no delay. */
    @Override
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame from the server, as it came: a ChannelData frame with its padding. */
    @Override
    public byte[] receive() throws IOException {
        byte[] prefix = new byte[StreamFrame.LENGTH_PREFIX];
        in.readFully(prefix);
        int length = StreamFrame.length(prefix, 0, prefix.length);
        if (length == StreamFrame.NOT_A_FRAME) {
            throw new IOException("the server sent neither STUN nor ChannelData");
        }
        byte[] frame = Arrays.copyOf(prefix, length);
        in.readFully(frame, prefix.length, length - prefix.length);
        return frame;
    }

    @Override
    protected void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Whether the server closed the connection (end of stream or reset) within five seconds. */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                receive();
            }
        } catch (EOFException | SocketException | SSLException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
