package io.disco.signal.cluster;

import io.disco.signal.router.WampSession;

/**
 * A call of a session of this router that another router's callee serves: what this router
 * keeps of it to pass its answers on, to send its cancel after it, and to end it with an ERROR
 * if that router or Redis is lost first.
 */
record RemoteCall(WampSession caller, long request, String realm, int node) {

    /** Calls are known by their caller and the caller's request id. */
    record Key(long caller, long request) {
    }

    Key key() {
        return new Key(caller.id(), request);
    }
}
