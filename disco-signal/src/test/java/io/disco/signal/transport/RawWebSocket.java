package io.disco.signal.transport;

import io.disco.common.tls.ClientTrust;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLSocket;

/**
 * A websocket client written by hand, for the peers a library will not play: one that never
 * answers pings, or stops reading altogether, or looks at the bytes of each control frame.
 */
final class RawWebSocket implements AutoCloseable {

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private String upgradeResponse;

    private RawWebSocket(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades to {@code wamp.2.json}; {@code receiveBuffer} bounds what the kernel takes in. */
    static RawWebSocket connect(int port, int receiveBuffer) throws IOException {
        return connect(port, receiveBuffer, "");
    }

    /** The same, with more request header lines ({@code "Name: value\r\n"} each). */
    static RawWebSocket connect(int port, int receiveBuffer, String moreHeaders) throws IOException {
        Socket plain = new Socket();
        if (receiveBuffer > 0) {
            plain.setReceiveBufferSize(receiveBuffer);
        }
        plain.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        SSLSocket socket = (SSLSocket) ClientTrust.skipVerify().sslContext().getSocketFactory()
                .createSocket(plain, "localhost", port, true);
        socket.setSoTimeout(10_000);
        RawWebSocket raw = new RawWebSocket(socket);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: wamp.2.json\r\n" + moreHeaders + "\r\n";
        raw.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        raw.out.flush();
        raw.upgradeResponse = raw.readHeaders();
        if (!raw.upgradeResponse.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + raw.upgradeResponse);
        }
        return raw;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during upgrade");
            }
            headers.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return headers.toString(StandardCharsets.ISO_8859_1);
    }

    /** The server's 101 response, headers included. */
    String upgradeResponse() {
        return upgradeResponse;
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        sendFrame(true, 0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame of any opcode (0x0 continuation, 0x1 text, 0x2 binary), final or not. */
    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        out.write(frame(fin, opcode, payload));
        out.flush();
    }

    /**
     * Sends one masked text frame as two TLS records, the first {@code firstBytes} of the frame
     * long, the second after {@code pause}.
     */
    void sendTextInTwoPieces(String text, int firstBytes, Duration pause) throws IOException, InterruptedException {
        byte[] frame = frame(true, 0x1, text.getBytes(StandardCharsets.UTF_8));
        out.write(frame, 0, firstBytes);
        out.flush();
        Thread.sleep(pause.toMillis());
        out.write(frame, firstBytes, frame.length - firstBytes);
        out.flush();
    }

    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** Sends one masked ping carrying {@code payload} (at most 125 bytes, as for any control frame). */
    void ping(byte[] payload) throws IOException {
        sendFrame(true, 0x9, payload);
    }

    /** Reads frames until a pong, and returns its payload; the server's pings are read and not answered. */
    byte[] readPong() throws IOException {
        return readUntil(0xA);
    }

    /** Reads frames until the server's ping, and returns its payload; it is not answered. */
    byte[] readPing() throws IOException {
        return readUntil(0x9);
    }

    private byte[] readUntil(int opcode) throws IOException {
        while (true) {
            Received frame = readFrame();
            if (frame.opcode() == opcode) {
                return frame.payload();
            }
            if (frame.opcode() == 0x8) {
                throw new IOException("closed by the server");
            }
        }
    }

    /** Reads frames until a text frame, and returns it; pings are read and not answered. */
    String readText() throws IOException {
        while (true) {
            Received frame = readFrame();
            if (frame.opcode() == 0x1) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
            if (frame.opcode() == 0x8) {
                throw new IOException("closed by the server");
            }
        }
    }

    /** Reads frames until a close frame, and returns its status code. */
    int readCloseCode() throws IOException {
        while (true) {
            Received frame = readFrame();
            if (frame.opcode() == 0x8) {
                byte[] payload = frame.payload();
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
    }

    private record Received(int opcode, byte[] payload) {
    }

    private Received readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Received(first & 0x0F, payload);
    }

    /** Whether the server has closed the connection (reads until end of stream or timeout). */
    boolean closedByServer() {
        try {
            while (in.read() >= 0) {
                // Discard: pings, events, the close frame.
            }
            return true;
        } catch (IOException e) {
            return !e.getClass().getSimpleName().contains("Timeout");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
