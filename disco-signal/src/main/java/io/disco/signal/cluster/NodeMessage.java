package io.disco.signal.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.router.Authentication;
import io.disco.signal.wamp.WampMessage;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Publish;

/**
 * What one router of the cluster sends another on its channel, for their sessions; read and
 * written by {@link NodeWire}.
 */
sealed interface NodeMessage {

    String realm();

    /** A caller of the sender's calls a callee of the receiver's. */
    record Invoke(String realm, long caller, Authentication who, Call call) implements NodeMessage {
    }

    /** The caller cancels a call it sent by {@link Invoke}. */
    record CancelCall(String realm, long caller, Cancel cancel) implements NodeMessage {
    }

    /** The caller left: its calls at the receiver end. */
    record CallerLeft(String realm, long caller) implements NodeMessage {
    }

    /** RESULT or ERROR for session {@code session} of the receiver. */
    record Answer(String realm, long session, WampMessage message) implements NodeMessage {
    }

    /** A publication of a session of the sender, for the receiver's subscribers. */
    record Publication(String realm, long publication, ObjectNode disclosed, Publish publish) implements NodeMessage {
    }
}
