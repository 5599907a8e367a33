package io.disco.signal.wamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.wamp.WampMessage.Abort;
import io.disco.signal.wamp.WampMessage.Authenticate;
import io.disco.signal.wamp.WampMessage.Call;
import io.disco.signal.wamp.WampMessage.Cancel;
import io.disco.signal.wamp.WampMessage.Challenge;
import io.disco.signal.wamp.WampMessage.Error;
import io.disco.signal.wamp.WampMessage.Event;
import io.disco.signal.wamp.WampMessage.Goodbye;
import io.disco.signal.wamp.WampMessage.Hello;
import io.disco.signal.wamp.WampMessage.Interrupt;
import io.disco.signal.wamp.WampMessage.Invocation;
import io.disco.signal.wamp.WampMessage.Publish;
import io.disco.signal.wamp.WampMessage.Published;
import io.disco.signal.wamp.WampMessage.Register;
import io.disco.signal.wamp.WampMessage.Registered;
import io.disco.signal.wamp.WampMessage.Result;
import io.disco.signal.wamp.WampMessage.Subscribe;
import io.disco.signal.wamp.WampMessage.Subscribed;
import io.disco.signal.wamp.WampMessage.Unregister;
import io.disco.signal.wamp.WampMessage.Unregistered;
import io.disco.signal.wamp.WampMessage.Unsubscribe;
import io.disco.signal.wamp.WampMessage.Unsubscribed;
import io.disco.signal.wamp.WampMessage.Welcome;
import io.disco.signal.wamp.WampMessage.Yield;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Each message's elements after its type code, in the spec's order, stated once: what
 * {@link WampCodec} checks and reads when decoding, what it writes when encoding, and where the
 * arguments start ({@link #payloadIndex}). The one other thing a layout holds is how the checked
 * elements, read in order, make the message's record.
 *
 * <p>Encoding runs for every message routed: a layout is found by its code in an array, and its
 * elements' getters are method references made once, so nothing is allocated per message.
 */
enum MessageLayout {

    HELLO(WampMessage.HELLO, in -> new Hello(in.uri(), in.dict()),
            uri("realm", Hello::realm), dict("details", Hello::details)),
    WELCOME(WampMessage.WELCOME, in -> new Welcome(in.id(), in.dict()),
            id("session", Welcome::session), dict("details", Welcome::details)),
    ABORT(WampMessage.ABORT, in -> new Abort(in.dict(), in.uri()),
            dict("details", Abort::details), uri("reason", Abort::reason)),
    CHALLENGE(WampMessage.CHALLENGE, in -> new Challenge(in.uri(), in.dict()),
            string("authmethod", Challenge::authMethod), dict("extra", Challenge::extra)),
    AUTHENTICATE(WampMessage.AUTHENTICATE, in -> new Authenticate(in.uri(), in.dict()),
            string("signature", Authenticate::signature), dict("extra", Authenticate::extra)),
    GOODBYE(WampMessage.GOODBYE, in -> new Goodbye(in.dict(), in.uri()),
            dict("details", Goodbye::details), uri("reason", Goodbye::reason)),
    ERROR(WampMessage.ERROR, in -> new Error(in.integer(), in.id(), in.dict(), in.uri(), in.payload()),
            integer("request type", Error::requestType), id("request", Error::request),
            dict("details", Error::details), uri("error", Error::error), payload(Error::payload)),
    PUBLISH(WampMessage.PUBLISH, in -> new Publish(in.id(), in.dict(), in.uri(), in.payload()),
            id("request", Publish::request), dict("options", Publish::options), uri("topic", Publish::topic),
            payload(Publish::payload)),
    PUBLISHED(WampMessage.PUBLISHED, in -> new Published(in.id(), in.id()),
            id("request", Published::request), id("publication", Published::publication)),
    SUBSCRIBE(WampMessage.SUBSCRIBE, in -> new Subscribe(in.id(), in.dict(), in.uri()),
            id("request", Subscribe::request), dict("options", Subscribe::options), uri("topic", Subscribe::topic)),
    SUBSCRIBED(WampMessage.SUBSCRIBED, in -> new Subscribed(in.id(), in.id()),
            id("request", Subscribed::request), id("subscription", Subscribed::subscription)),
    UNSUBSCRIBE(WampMessage.UNSUBSCRIBE, in -> new Unsubscribe(in.id(), in.id()),
            id("request", Unsubscribe::request), id("subscription", Unsubscribe::subscription)),
    UNSUBSCRIBED(WampMessage.UNSUBSCRIBED, in -> new Unsubscribed(in.id()),
            id("request", Unsubscribed::request)),
    EVENT(WampMessage.EVENT, in -> new Event(in.id(), in.id(), in.dict(), in.payload()),
            id("subscription", Event::subscription), id("publication", Event::publication),
            dict("details", Event::details), payload(Event::payload)),
    CALL(WampMessage.CALL, in -> new Call(in.id(), in.dict(), in.uri(), in.payload()),
            id("request", Call::request), dict("options", Call::options), uri("procedure", Call::procedure),
            payload(Call::payload)),
    CANCEL(WampMessage.CANCEL, in -> new Cancel(in.id(), in.dict()),
            id("request", Cancel::request), dict("options", Cancel::options)),
    RESULT(WampMessage.RESULT, in -> new Result(in.id(), in.dict(), in.payload()),
            id("request", Result::request), dict("details", Result::details), payload(Result::payload)),
    REGISTER(WampMessage.REGISTER, in -> new Register(in.id(), in.dict(), in.uri()),
            id("request", Register::request), dict("options", Register::options),
            uri("procedure", Register::procedure)),
    REGISTERED(WampMessage.REGISTERED, in -> new Registered(in.id(), in.id()),
            id("request", Registered::request), id("registration", Registered::registration)),
    UNREGISTER(WampMessage.UNREGISTER, in -> new Unregister(in.id(), in.id()),
            id("request", Unregister::request), id("registration", Unregister::registration)),
    UNREGISTERED(WampMessage.UNREGISTERED, in -> new Unregistered(in.id()),
            id("request", Unregistered::request)),
    INVOCATION(WampMessage.INVOCATION, in -> new Invocation(in.id(), in.id(), in.dict(), in.payload()),
            id("request", Invocation::request), id("registration", Invocation::registration),
            dict("details", Invocation::details), payload(Invocation::payload)),
    INTERRUPT(WampMessage.INTERRUPT, in -> new Interrupt(in.id(), in.dict()),
            id("request", Interrupt::request), dict("options", Interrupt::options)),
    YIELD(WampMessage.YIELD, in -> new Yield(in.id(), in.dict(), in.payload()),
            id("request", Yield::request), dict("options", Yield::options), payload(Yield::payload));

    /** What an element is on the wire, in the spec's words; {@code PAYLOAD} is Arguments and ArgumentsKw. */
    enum Kind { ID, INTEGER, URI, DICT, PAYLOAD }

    /**
     * One element: its name in refusals, its kind, and how an encoder gets it from the message
     * ({@code number} for ids and integers, {@code value} for the rest).
     */
    record Element(String name, Kind kind, ToLongFunction<WampMessage> number, Function<WampMessage, ?> value) {
    }

    /** Builds a message from its elements, which {@link WampCodec} has checked against the layout. */
    interface Make {
        WampMessage make(Elements in);
    }

    /** A checked message's elements, each read once and in order, as its record's constructor takes them. */
    interface Elements {
        long id();

        int integer();

        String uri();

        ObjectNode dict();

        Payload payload();
    }

    private static final MessageLayout[] BY_CODE = new MessageLayout[WampMessage.YIELD + 1];

    static {
        for (MessageLayout layout : values()) {
            BY_CODE[layout.code] = layout;
        }
    }

    final int code;
    final Make make;
    final Element[] elements;
    /** Where the arguments are in the message's list, or -1. */
    final int payloadIndex;

    MessageLayout(int code, Make make, Element... elements) {
        this.code = code;
        this.make = make;
        this.elements = elements;
        int payload = -1;
        for (int i = 0; i < elements.length; i++) {
            if (elements[i].kind() == Kind.PAYLOAD) {
                payload = i + 1;
            }
        }
        this.payloadIndex = payload;
    }

    /** The layout of the message type {@code code}, or null for a type this router does not know. */
    static MessageLayout of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Where a message type's arguments are in its list, or -1 for a type that has none. */
    static int payloadIndex(int code) {
        MessageLayout layout = of(code);
        return layout == null ? -1 : layout.payloadIndex;
    }

    /** Elements past the code that a message of this type may have: arguments and keyword arguments count two. */
    int maxElements() {
        return elements.length + (payloadIndex < 0 ? 0 : 1);
    }

    @SuppressWarnings("unchecked")
    private static <M extends WampMessage> Element id(String name, ToLongFunction<M> getter) {
        return new Element(name, Kind.ID, (ToLongFunction<WampMessage>) getter, null);
    }

    @SuppressWarnings("unchecked")
    private static <M extends WampMessage> Element integer(String name, ToLongFunction<M> getter) {
        return new Element(name, Kind.INTEGER, (ToLongFunction<WampMessage>) getter, null);
    }

    @SuppressWarnings("unchecked")
    private static <M extends WampMessage> Element uri(String name, Function<M, String> getter) {
        return new Element(name, Kind.URI, null, (Function<WampMessage, ?>) getter);
    }

    /** A string that is no URI (a method name, a signature): checked and written as URIs are, as a string. */
    private static <M extends WampMessage> Element string(String name, Function<M, String> getter) {
        return uri(name, getter);
    }

    @SuppressWarnings("unchecked")
    private static <M extends WampMessage> Element dict(String name, Function<M, ObjectNode> getter) {
        return new Element(name, Kind.DICT, null, (Function<WampMessage, ?>) getter);
    }

    @SuppressWarnings("unchecked")
    private static <M extends WampMessage> Element payload(Function<M, Payload> getter) {
        return new Element("arguments", Kind.PAYLOAD, null, (Function<WampMessage, ?>) getter);
    }
}
