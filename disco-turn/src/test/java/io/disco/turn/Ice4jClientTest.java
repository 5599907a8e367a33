package io.disco.turn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.testing.ServiceProcess;
import io.disco.turn.testing.EchoPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RelayedCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ice4j's own TURN client against disco-turn run as operators run it (a JVM of its own, with its
 * command line): an ice4j {@link Agent} harvests a relayed candidate with long-term credentials
 * through {@link TurnCandidateHarvester}, and application data goes through the allocation with
 * the candidate's {@code RelayedCandidateDatagramSocket}, which installs the permission and binds
 * the channel itself.
 *
 * <p>ice4j's {@code HostCandidateHarvester} never uses loopback interfaces or addresses (hard-coded,
 * no configuration switch), so the agent gets its host candidate on 127.0.0.1 from a small host
 * harvester of the test's, plugged in through ice4j's own extension point (a harvester that says
 * {@link CandidateHarvester#isHostHarvester()}, used when the agent's dynamic host ports are off).
 * Everything TURN is ice4j's. A recording UDP tap between ice4j and the server tells which TURN
 * messages went by.
 */
class Ice4jClientTest {

    private static final Pattern STARTED = Pattern.compile("Started TURN server on udp/(\\d+)");
    private static final String USER = "ice4j";
    private static final String PASSWORD = "ice4j-secret";
    private static final int MIN_PORT = 52100;
    private static final int MAX_PORT = 52199;
    private static final long WAIT_SECONDS = 30;

    /**
     * ice4j changes JVM-wide system properties: every {@link Agent} sets {@code org.ice4j.ALWAYS_SIGN}
     * (after which ice4j's codec signs and fingerprints every message it encodes, breaking the
     * in-process servers of the other test classes), and the STUN harvester sets retransmission
     * defaults. They are put back after this class.
     */
    private static final Map<String, String> ice4jPropertiesBefore = ice4jProperties();

    private static ServiceProcess server;
    private static InetSocketAddress serverAddress;

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ice4j-client-test");
        thread.setDaemon(true);
        return thread;
    });
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        // ice4j's probe of the AWS metadata address is turned off for the whole test JVM (the
        // module's surefire configuration), so no agent here sends anything beyond loopback.
        server = ServiceProcess.start(TurnMain.class,
                "--ice-port", "0", "--address", "127.0.0.1", "--relay-bind", "127.0.0.1",
                "--min-port", String.valueOf(MIN_PORT), "--max-port", String.valueOf(MAX_PORT),
                "--ice-username", USER, "--ice-password", PASSWORD, "--realm", "ice4j.test",
                "--allow-loopback-peers");
        int port = Integer.parseInt(server.awaitLine(STARTED).group(1));
        serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @AfterAll
    static void stopServer() throws Exception {
        for (String name : ice4jProperties().keySet()) {
            if (!ice4jPropertiesBefore.containsKey(name)) {
                System.clearProperty(name);
            }
        }
        ice4jPropertiesBefore.forEach(System::setProperty);
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void release() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        executor.shutdownNow();
    }

    @Test
    void harvestsARelayedCandidateAndRelaysDataBothWaysThroughAChannel() throws Exception {
        Tap tap = open(new Tap(serverAddress));
        Component component = harvest(tap.address(), new LongTermCredential(USER, PASSWORD));

        RelayedCandidate relayed = relayedCandidate(component);
        assertNotNull(relayed, "no relayed candidate among " + component.getLocalCandidates());
        TransportAddress relayAddress = relayed.getTransportAddress();
        assertEquals(InetAddress.getByName("127.0.0.1"), relayAddress.getAddress(), relayAddress.toString());
        assertEquals(Transport.UDP, relayAddress.getTransport());
        int relayPort = relayAddress.getPort();
        assertTrue(relayPort >= MIN_PORT && relayPort <= MAX_PORT,
                "relay port " + relayPort + " outside --min-port " + MIN_PORT + " --max-port " + MAX_PORT);
        assertTrue(tap.count(Tap.UP, "Allocate request") >= 2, tap.toString()); // challenged, then signed
        assertTrue(tap.count(Tap.DOWN, "Allocate error 401") >= 1, tap.toString());
        assertTrue(tap.count(Tap.DOWN, "Allocate success") >= 1, tap.toString()); // >1: retransmissions
        // XOR-MAPPED-ADDRESS: the server saw the client at the tap's server-facing socket.
        assertEquals(new TransportAddress(tap.upstreamAddress(), Transport.UDP), relayed.getRelatedAddress());

        EchoPeer peer = open(new EchoPeer());
        // ice4j's RelayedCandidateDatagramSocket, behind the multiplexing socket ICE checks share.
        DatagramSocket socket = relayed.getCandidateIceSocketWrapper().getUDPSocket();
        BlockingQueue<DatagramPacket> received = receiveInBackground(socket);
        Random random = new Random(5766);

        // The first datagram makes ice4j install a permission and bind a channel to the peer.
        byte[] first = payload(random, 100);
        socket.send(new DatagramPacket(first, first.length, peer.address()));
        assertEchoed(first, received, peer);
        awaitTrue(() -> tap.count(Tap.DOWN, "ChannelBind success") >= 1, "a ChannelBind success", tap);
        assertTrue(tap.count(Tap.DOWN, "CreatePermission success") >= 1, tap.toString());

        // Then datagrams of every size class, one round trip at a time.
        for (int size : new int[] {1, 2, 3, 4, 5, 63, 64, 255, 256, 999, 1000, 1199}) {
            byte[] data = payload(random, size);
            socket.send(new DatagramPacket(data, data.length, peer.address()));
            assertEchoed(data, received, peer);
        }
        // And a burst, nothing lost on loopback.
        List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(payload(random, 20 + i * 7));
        }
        for (byte[] data : burst) {
            socket.send(new DatagramPacket(data, data.length, peer.address()));
        }
        List<String> echoed = new ArrayList<>();
        for (int i = 0; i < burst.size(); i++) {
            DatagramPacket packet = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(packet, "only " + i + " of " + burst.size() + " datagrams came back; " + tap);
            assertEquals(peer.address(), packet.getSocketAddress());
            echoed.add(hex(Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                    packet.getOffset() + packet.getLength())));
        }
        assertEquals(burst.stream().map(Ice4jClientTest::hex).sorted().collect(Collectors.toList()),
                echoed.stream().sorted().collect(Collectors.toList()));

        // The peer saw every datagram come from the relayed address, and the channel carried data both ways.
        List<EchoPeer.Datagram> seen = peer.takeAll();
        assertEquals(1 + 12 + burst.size(), seen.size());
        for (EchoPeer.Datagram datagram : seen) {
            assertEquals(new InetSocketAddress(relayAddress.getAddress(), relayPort), datagram.source());
        }
        assertTrue(tap.count(Tap.UP, "ChannelData") >= 1, tap.toString());
        assertTrue(tap.count(Tap.DOWN, "ChannelData") >= 1, tap.toString());
    }

    @Test
    void stunLookingDatagramsTravelAsSendAndDataIndications() throws Exception {
        // ice4j takes datagrams that look like STUN Binding messages for ICE connectivity checks and
        // relays them in Send indications without binding a channel (RFC 5245 defers channels until
        // ICE completes); the answers then come back in Data indications. The peer answers with bytes
        // that do not look like STUN, which ice4j would hand to its own STUN stack instead.
        Tap tap = open(new Tap(serverAddress));
        Component component = harvest(tap.address(), new LongTermCredential(USER, PASSWORD));
        RelayedCandidate relayed = relayedCandidate(component);
        assertNotNull(relayed, "no relayed candidate among " + component.getLocalCandidates());
        EchoPeer peer = open(new EchoPeer(Ice4jClientTest::notStun));
        DatagramSocket socket = relayed.getCandidateIceSocketWrapper().getUDPSocket();
        BlockingQueue<DatagramPacket> received = receiveInBackground(socket);
        Random random = new Random(8656);

        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {0, 1, 3, 4, 100, 1000}) {
            byte[] request = bindingRequest(random, size);
            sent.add(request);
            socket.send(new DatagramPacket(request, request.length, peer.address()));
            assertEchoed(notStun(request), received, peer);
        }

        List<EchoPeer.Datagram> seen = peer.takeAll();
        assertEquals(sent.size(), seen.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), seen.get(i).data(), "datagram " + i + " as the peer got it");
            assertEquals(new InetSocketAddress(relayed.getTransportAddress().getAddress(),
                    relayed.getTransportAddress().getPort()), seen.get(i).source());
        }
        assertEquals(sent.size(), tap.count(Tap.UP, "Send indication"), tap.toString());
        assertEquals(sent.size(), tap.count(Tap.DOWN, "Data indication"), tap.toString());
        assertTrue(tap.count(Tap.DOWN, "CreatePermission success") >= 1, tap.toString());
        assertEquals(0, tap.count(Tap.UP, "ChannelBind request"), tap.toString());
        assertEquals(0, tap.count(Tap.UP, "ChannelData") + tap.count(Tap.DOWN, "ChannelData"), tap.toString());
    }

    @Test
    void aWrongPasswordYieldsNoRelayedCandidate() throws Exception {
        Tap tap = open(new Tap(serverAddress));
        Component component = harvest(tap.address(), new LongTermCredential(USER, "not-" + PASSWORD));

        List<LocalCandidate> candidates = component.getLocalCandidates();
        assertNull(relayedCandidate(component), "a relayed candidate among " + candidates);
        // The harvest did run from the loopback host candidate and the server refused it, twice (the
        // unsigned request, then the one signed with the wrong key), rather than staying silent.
        // (ice4j then falls back to a plain Binding request for a server-reflexive candidate.)
        assertTrue(candidates.stream().anyMatch(c -> c instanceof HostCandidate), candidates.toString());
        assertTrue(tap.count(Tap.UP, "Allocate request") >= 2, tap.toString());
        assertTrue(tap.count(Tap.DOWN, "Allocate error 401") >= 2, tap.toString());
        assertEquals(0, tap.count(Tap.DOWN, "Allocate success"), tap.toString());
    }

    /** An agent with a loopback host candidate and ice4j's TURN harvester; its component once harvested. */
    private Component harvest(InetSocketAddress turnServer, LongTermCredential credential) throws Exception {
        Agent agent = new Agent();
        resources.add(agent::free);
        agent.setUseDynamicPorts(false); // host candidates from the host harvesters below only
        agent.addCandidateHarvester(new LoopbackHostHarvester());
        agent.addCandidateHarvester(new TurnCandidateHarvester(
                new TransportAddress(turnServer, Transport.UDP), credential));
        IceMediaStream stream = agent.createMediaStream("data");
        // createComponent harvests synchronously (ice4j bounds each harvester by its harvest timeout).
        Future<Component> harvest = executor.submit(
                () -> agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false));
        try {
            return harvest.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            harvest.cancel(true);
            throw new AssertionError("ice4j did not finish harvesting in " + WAIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError("ice4j's harvest failed", e.getCause());
        }
    }

    private static RelayedCandidate relayedCandidate(Component component) {
        return component.getLocalCandidates().stream()
                .filter(c -> c.getType() == CandidateType.RELAYED_CANDIDATE)
                .map(RelayedCandidate.class::cast)
                .findFirst().orElse(null);
    }

    private BlockingQueue<DatagramPacket> receiveInBackground(DatagramSocket socket) {
        // ice4j's relayed socket ignores SO_TIMEOUT: receive on a thread, wait on the queue.
        BlockingQueue<DatagramPacket> received = new LinkedBlockingQueue<>();
        executor.execute(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
                    socket.receive(packet);
                    received.add(packet);
                }
            } catch (IOException closed) {
                // the agent is freed
            }
        });
        return received;
    }

    private static void assertEchoed(byte[] sent, BlockingQueue<DatagramPacket> received, EchoPeer peer)
            throws InterruptedException {
        DatagramPacket packet = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(packet, "no echo of " + sent.length + " bytes through the relay");
        assertEquals(peer.address(), packet.getSocketAddress());
        assertArrayEquals(sent, Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                packet.getOffset() + packet.getLength()), "echo of " + sent.length + " bytes");
    }

    /** Random bytes that do not look like STUN (ice4j sends STUN-looking ones as Send indications). */
    private static byte[] payload(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        data[0] |= (byte) 0x80;
        return data;
    }

    /** A STUN Binding request with a SOFTWARE attribute of {@code size} random bytes. */
    private static byte[] bindingRequest(Random random, int size) {
        int padded = (size + 3) & ~3;
        byte[] data = new byte[20 + 4 + padded];
        data[1] = 0x01;
        data[2] = (byte) ((4 + padded) >> 8);
        data[3] = (byte) (4 + padded);
        data[4] = 0x21;
        data[5] = 0x12;
        data[6] = (byte) 0xA4;
        data[7] = 0x42;
        byte[] randomBytes = new byte[12 + size];
        random.nextBytes(randomBytes);
        System.arraycopy(randomBytes, 0, data, 8, 12); // the transaction ID
        data[20] = (byte) 0x80;
        data[21] = 0x22;
        data[22] = (byte) (size >> 8);
        data[23] = (byte) size;
        System.arraycopy(randomBytes, 12, data, 24, size);
        return data;
    }

    /** The peer's answer to a STUN-looking datagram: the same bytes behind a marker that is not STUN. */
    private static byte[] notStun(byte[] data) {
        byte[] answer = new byte[data.length + 1];
        answer[0] = (byte) 0xFF;
        System.arraycopy(data, 0, answer, 1, data.length);
        return answer;
    }

    private static String hex(byte[] data) {
        StringBuilder text = new StringBuilder();
        for (byte b : data) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    private static void awaitTrue(BooleanSupplier condition, String what, Object context)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " in " + WAIT_SECONDS + " s: " + context);
            }
            Thread.sleep(10);
        }
    }

    private static Map<String, String> ice4jProperties() {
        return System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("org.ice4j.") || name.startsWith("ice4j."))
                .collect(Collectors.toMap(name -> name, System::getProperty));
    }

    private static void join(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * A host harvester for 127.0.0.1, which ice4j's own refuses: one UDP socket, multiplexed as ice4j's
     * host harvester does it, and registered with the agent's STUN stack.
     */
    static final class LoopbackHostHarvester implements CandidateHarvester {
        private final HarvestStatistics statistics = new HarvestStatistics();

        @Override
        public Collection<LocalCandidate> harvest(Component component) {
            try {
                MultiplexingDatagramSocket socket = new MultiplexingDatagramSocket(0, InetAddress.getLoopbackAddress());
                HostCandidate candidate = new HostCandidate(new IceUdpSocketWrapper(socket), component, Transport.UDP);
                component.addLocalCandidate(candidate);
                candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                return List.of(candidate);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public HarvestStatistics getHarvestStatistics() {
            return statistics;
        }

        @Override
        public boolean isHostHarvester() {
            return true;
        }
    }

    /**
     * A UDP forwarder between one client and the TURN server that counts the TURN messages going by,
     * by direction and kind ("Allocate request", "Allocate error 401", "ChannelData", ...).
     */
    static final class Tap implements AutoCloseable {
        static final String UP = "client->server";
        static final String DOWN = "server->client";
        private static final Map<Integer, String> METHODS = Map.of(0x001, "Binding", 0x003, "Allocate",
                0x004, "Refresh", 0x006, "Send", 0x007, "Data", 0x008, "CreatePermission", 0x009, "ChannelBind");

        private final DatagramSocket clientSide;
        private final DatagramSocket serverSide;
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private volatile InetSocketAddress client;
        private final Thread up;
        private final Thread down;

        Tap(InetSocketAddress server) throws IOException {
            clientSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            serverSide = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            serverSide.connect(server);
            up = forward(clientSide, serverSide, UP);
            down = forward(serverSide, clientSide, DOWN);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) clientSide.getLocalSocketAddress();
        }

        /** Where the server sees the client. */
        InetSocketAddress upstreamAddress() {
            return (InetSocketAddress) serverSide.getLocalSocketAddress();
        }

        int count(String direction, String kind) {
            AtomicInteger count = counts.get(direction + " " + kind);
            return count == null ? 0 : count.get();
        }

        private Thread forward(DatagramSocket from, DatagramSocket to, String direction) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[65535];
                try {
                    while (true) {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        from.receive(packet);
                        counts.computeIfAbsent(direction + " " + kind(buffer, packet.getLength()),
                                k -> new AtomicInteger()).incrementAndGet();
                        if (from == clientSide) {
                            client = (InetSocketAddress) packet.getSocketAddress();
                            to.send(new DatagramPacket(buffer, packet.getLength()));
                        } else if (client != null) {
                            to.send(new DatagramPacket(buffer, packet.getLength(), client));
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "ice4j-test-tap-" + direction);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private static String kind(byte[] data, int length) {
            if (length >= 4 && (data[0] & 0xC0) == 0x40) {
                return "ChannelData";
            }
            if (length < 20 || (data[0] & 0xC0) != 0) {
                return "other";
            }
            int type = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
            int messageClass = ((type & 0x0100) >> 7) | ((type & 0x0010) >> 4);
            String name = METHODS.getOrDefault(method, String.format("method 0x%03x", method));
            switch (messageClass) {
                case 0:
                    return name + " request";
                case 1:
                    return name + " indication";
                case 2:
                    return name + " success";
                default:
                    return name + " error " + errorCode(data, length);
            }
        }

        /** The ERROR-CODE attribute's code, or 0 without one. */
        private static int errorCode(byte[] data, int length) {
            int offset = 20;
            while (offset + 4 <= length) {
                int type = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
                int size = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
                if (type == 0x0009 && size >= 4 && offset + 8 <= length) {
                    return (data[offset + 6] & 0x07) * 100 + (data[offset + 7] & 0xFF);
                }
                offset += 4 + ((size + 3) & ~3);
            }
            return 0;
        }

        @Override
        public void close() {
            clientSide.close();
            serverSide.close();
            join(up);
            join(down);
        }

        @Override
        public String toString() {
            return "TURN messages seen " + new TreeMap<>(counts);
        }
    }
}
