package io.disco.signal.wamp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every WAMP v2 message this router sends or receives, as a typed value. Frames become these
 * right after deserialization ({@link WampCodec}); nothing past the transport sees raw lists.
 *
 * <p>Options and details stay as JSON objects, and call and event payloads ({@code args},
 * {@code kwargs}) as they arrived ({@link Payload}), so they pass between sessions untouched,
 * across serializers too. A {@code null} {@code args} or {@code kwargs} is absent on the wire.
 */
public sealed interface WampMessage {

    int HELLO = 1;
    int WELCOME = 2;
    int ABORT = 3;
    int CHALLENGE = 4;
    int AUTHENTICATE = 5;
    int GOODBYE = 6;
    int ERROR = 8;
    int PUBLISH = 16;
    int PUBLISHED = 17;
    int SUBSCRIBE = 32;
    int SUBSCRIBED = 33;
    int UNSUBSCRIBE = 34;
    int UNSUBSCRIBED = 35;
    int EVENT = 36;
    int CALL = 48;
    int CANCEL = 49;
    int RESULT = 50;
    int REGISTER = 64;
    int REGISTERED = 65;
    int UNREGISTER = 66;
    int UNREGISTERED = 67;
    int INVOCATION = 68;
    int INTERRUPT = 69;
    int YIELD = 70;

    int code();

    /** A message with arguments and keyword arguments. */
    sealed interface WithPayload extends WampMessage {
        Payload payload();

        default ArrayNode args() {
            return payload().args();
        }

        default ObjectNode kwargs() {
            return payload().kwargs();
        }
    }

    record Hello(String realm, ObjectNode details) implements WampMessage {
        public int code() {
            return HELLO;
        }
    }

    record Welcome(long session, ObjectNode details) implements WampMessage {
        public int code() {
            return WELCOME;
        }
    }

    record Abort(ObjectNode details, String reason) implements WampMessage {
        public int code() {
            return ABORT;
        }
    }

    /** The router asks a joining client to prove who it is by {@code authMethod}. */
    record Challenge(String authMethod, ObjectNode extra) implements WampMessage {
        public int code() {
            return CHALLENGE;
        }
    }

    /** A joining client's answer to CHALLENGE: a ticket, or a signature of the challenge. */
    record Authenticate(String signature, ObjectNode extra) implements WampMessage {
        public int code() {
            return AUTHENTICATE;
        }
    }

    record Goodbye(ObjectNode details, String reason) implements WampMessage {
        public int code() {
            return GOODBYE;
        }
    }

    /** An error answering the request of type {@code requestType} with id {@code request}. */
    record Error(int requestType, long request, ObjectNode details, String error, Payload payload)
            implements WithPayload {
        public Error(int requestType, long request, ObjectNode details, String error, ArrayNode args,
                     ObjectNode kwargs) {
            this(requestType, request, details, error, Payload.of(args, kwargs));
        }

        public int code() {
            return ERROR;
        }
    }

    record Publish(long request, ObjectNode options, String topic, Payload payload) implements WithPayload {
        public Publish(long request, ObjectNode options, String topic, ArrayNode args, ObjectNode kwargs) {
            this(request, options, topic, Payload.of(args, kwargs));
        }

        public int code() {
            return PUBLISH;
        }
    }

    record Published(long request, long publication) implements WampMessage {
        public int code() {
            return PUBLISHED;
        }
    }

    record Subscribe(long request, ObjectNode options, String topic) implements WampMessage {
        public int code() {
            return SUBSCRIBE;
        }
    }

    record Subscribed(long request, long subscription) implements WampMessage {
        public int code() {
            return SUBSCRIBED;
        }
    }

    record Unsubscribe(long request, long subscription) implements WampMessage {
        public int code() {
            return UNSUBSCRIBE;
        }
    }

    record Unsubscribed(long request) implements WampMessage {
        public int code() {
            return UNSUBSCRIBED;
        }
    }

    record Event(long subscription, long publication, ObjectNode details, Payload payload) implements WithPayload {
        public Event(long subscription, long publication, ObjectNode details, ArrayNode args, ObjectNode kwargs) {
            this(subscription, publication, details, Payload.of(args, kwargs));
        }

        public int code() {
            return EVENT;
        }
    }

    record Call(long request, ObjectNode options, String procedure, Payload payload) implements WithPayload {
        public Call(long request, ObjectNode options, String procedure, ArrayNode args, ObjectNode kwargs) {
            this(request, options, procedure, Payload.of(args, kwargs));
        }

        public int code() {
            return CALL;
        }
    }

    record Cancel(long request, ObjectNode options) implements WampMessage {
        public int code() {
            return CANCEL;
        }
    }

    record Result(long request, ObjectNode details, Payload payload) implements WithPayload {
        public Result(long request, ObjectNode details, ArrayNode args, ObjectNode kwargs) {
            this(request, details, Payload.of(args, kwargs));
        }

        public int code() {
            return RESULT;
        }
    }

    record Register(long request, ObjectNode options, String procedure) implements WampMessage {
        public int code() {
            return REGISTER;
        }
    }

    record Registered(long request, long registration) implements WampMessage {
        public int code() {
            return REGISTERED;
        }
    }

    record Unregister(long request, long registration) implements WampMessage {
        public int code() {
            return UNREGISTER;
        }
    }

    record Unregistered(long request) implements WampMessage {
        public int code() {
            return UNREGISTERED;
        }
    }

    record Invocation(long request, long registration, ObjectNode details, Payload payload) implements WithPayload {
        public Invocation(long request, long registration, ObjectNode details, ArrayNode args, ObjectNode kwargs) {
            this(request, registration, details, Payload.of(args, kwargs));
        }

        public int code() {
            return INVOCATION;
        }
    }

    record Interrupt(long request, ObjectNode options) implements WampMessage {
        public int code() {
            return INTERRUPT;
        }
    }

    record Yield(long request, ObjectNode options, Payload payload) implements WithPayload {
        public Yield(long request, ObjectNode options, ArrayNode args, ObjectNode kwargs) {
            this(request, options, Payload.of(args, kwargs));
        }

        public int code() {
            return YIELD;
        }
    }
}
