package io.disco.signal.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The WAMP messages that cross the router's websockets, counted and measured each way
 * ({@code disco_signal_messages_total}, {@code disco_signal_traffic_bytes_total}, by direction),
 * and the clients dropped as too slow to read theirs. The bytes are the messages' serialized
 * bytes, the websocket frames' payloads: no TLS, no framing.
 */
public final class MessageMeters {

    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter slowConsumers;

    public MessageMeters(MeterRegistry registry) {
        messagesIn = messages(registry, "in");
        messagesOut = messages(registry, "out");
        bytesIn = bytes(registry, "in");
        bytesOut = bytes(registry, "out");
        slowConsumers = Counter.builder("disco.signal.slow.consumers.disconnected")
                .description("Clients disconnected for letting more than --max-queued-messages wait to be sent")
                .register(registry);
    }

    private static Counter messages(MeterRegistry registry, String direction) {
        return Counter.builder("disco.signal.messages").tag("direction", direction)
                .description("WAMP messages received (in) and sent (out)").register(registry);
    }

    private static Counter bytes(MeterRegistry registry, String direction) {
        return Counter.builder("disco.signal.traffic").tag("direction", direction).baseUnit("bytes")
                .description("Serialized WAMP messages received (in) and sent (out), without TLS and framing")
                .register(registry);
    }

    void received(int bytes) {
        messagesIn.increment();
        bytesIn.increment(bytes);
    }

    void sent(int bytes) {
        messagesOut.increment();
        bytesOut.increment(bytes);
    }

    void slowConsumerDropped() {
        slowConsumers.increment();
    }
}
