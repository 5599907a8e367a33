package io.disco.signal.router;

import io.disco.signal.wamp.WampMessage;

/**
 * How the router reaches one client: the transport behind it serializes and sends without
 * blocking, and closes the connection when asked. The router never sees bytes.
 */
public interface Outbox {

    /** Queues a message for the client; never blocks. A client too slow to take it is disconnected. */
    void send(WampMessage message);

    /** Closes the connection after what was queued; the router has already said why (ABORT or GOODBYE). */
    void close();
}
