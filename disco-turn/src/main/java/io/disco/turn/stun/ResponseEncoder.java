package io.disco.turn.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.UnknownAttributesAttribute;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;

/**
 * The border for responses: a {@link StunResponse} in, bytes out. ice4j builds and encodes the
 * message; MESSAGE-INTEGRITY and FINGERPRINT are appended here over the encoded bytes, because
 * ice4j computes them only inside a StunStack, from its CredentialsManager, which knows nothing
 * of long-term credentials.
 */
public final class ResponseEncoder {

    /** The SOFTWARE attribute of every response. */
    public static final String SOFTWARE = "disco-turn";

    private ResponseEncoder() {
    }

    /**
     * Encodes one message now: ice4j loads its configuration system (Jitsi's, with Kotlin and
     * Typesafe Config behind it) the first time it encodes, which should happen at start-up rather
     * than on the I/O thread in front of the first client.
     */
    public static void warmUp() {
        encode(new StunResponse(Method.BINDING, new byte[StunHeader.TRANSACTION_ID_LENGTH], StunResponse.Status.SUCCESS,
                StunResponse.Attributes.NONE, new StunResponse.Protection(null, false))
                .withXorMapped(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
    }

    public static byte[] encode(StunResponse response) {
        Response message;
        try {
            message = response.isError() ? errorResponse(response) : successResponse(response);
            message.setTransactionID(response.transactionId());
        } catch (StunException e) {
            throw new IllegalArgumentException("cannot build " + response.method() + " response", e);
        }
        message.putAttribute(AttributeFactory.createSoftwareAttribute(SOFTWARE.getBytes(StandardCharsets.UTF_8)));
        StunResponse.Attributes attributes = response.attributes();
        if (attributes.realm() != null) {
            message.putAttribute(AttributeFactory.createRealmAttribute(attributes.realm().getBytes(StandardCharsets.UTF_8)));
        }
        if (attributes.nonce() != null) {
            message.putAttribute(AttributeFactory.createNonceAttribute(attributes.nonce().getBytes(StandardCharsets.UTF_8)));
        }
        if (attributes.reservationToken() != null) {
            message.putAttribute(AttributeFactory.createReservationTokenAttribute(attributes.reservationToken()));
        }
        if (!attributes.unknownAttributes().isEmpty()) {
            UnknownAttributesAttribute unknown = AttributeFactory.createUnknownAttributesAttribute();
            attributes.unknownAttributes().forEach(type -> unknown.addAttributeID((char) (int) type));
            message.putAttribute(unknown);
        }
        // No MESSAGE-INTEGRITY or FINGERPRINT in the message, so ice4j never needs a StunStack.
        byte[] bytes = message.encode(null);
        if (attributes.alternateServer() != null) {
            bytes = AlternateServer.append(bytes, attributes.alternateServer());
        }
        StunResponse.Protection protection = response.protection();
        if (protection.integrityKey() != null) {
            bytes = MessageIntegrity.append(bytes, protection.integrityKey());
        }
        return protection.fingerprint() ? Fingerprint.append(bytes) : bytes;
    }

    private static Response successResponse(StunResponse response) throws StunException {
        byte[] id = response.transactionId();
        StunResponse.Attributes attributes = response.attributes();
        Response message = switch (response.method()) {
            case BINDING -> MessageFactory.createBindingResponse(requestWithId(MessageFactory.createBindingRequest(), id),
                    address(attributes.xorMapped()));
            case ALLOCATE -> MessageFactory.createAllocationResponse(
                    requestWithId(MessageFactory.createAllocateRequest(), id), address(attributes.xorMapped()),
                    address(attributes.xorRelayed()), (int) (long) attributes.lifetime());
            case REFRESH -> MessageFactory.createRefreshResponse((int) (long) attributes.lifetime());
            case CREATE_PERMISSION -> MessageFactory.createCreatePermissionResponse();
            case CHANNEL_BIND -> MessageFactory.createChannelBindResponse();
        };
        return message;
    }

    private static Response errorResponse(StunResponse response) {
        char code = (char) response.status().errorCode();
        String reason = response.status().reason();
        return switch (response.method()) {
            case BINDING -> MessageFactory.createBindingErrorResponse(code, reason);
            case ALLOCATE -> MessageFactory.createAllocationErrorResponse(code, reason);
            case REFRESH -> MessageFactory.createRefreshErrorResponse(code, reason);
            case CREATE_PERMISSION -> MessageFactory.createPermissionErrorResponse(code, reason);
            case CHANNEL_BIND -> MessageFactory.createChannelBindErrorResponse(code, reason);
        };
    }

    /** The factory builds XOR addresses from the request's transaction ID: give it ours. */
    private static Request requestWithId(Request request, byte[] id) throws StunException {
        request.setTransactionID(id);
        return request;
    }

    private static TransportAddress address(InetSocketAddress address) {
        return new TransportAddress(address, Transport.UDP);
    }
}
