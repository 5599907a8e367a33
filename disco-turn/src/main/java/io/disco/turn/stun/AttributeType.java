package io.disco.turn.stun;

/**
 * Which attribute types this server understands, for the check of RFC 5389 §7.3: an unknown
 * comprehension-required type (0x0000-0x7FFF) makes a request fail with 420 and an indication be
 * dropped; unknown comprehension-optional ones (0x8000-0xFFFF) are ignored.
 *
 * <p>Known are the types STUN (RFC 5389), TURN (RFC 5766, RFC 8656) and TURN for IPv6 (RFC 6156)
 * define, whether this server reads them or, as known-but-unexpected attributes, ignores them
 * (§7.3: a response's attributes in a request), and ICE's PRIORITY and USE-CANDIDATE (RFC 8445),
 * which ICE agents put in the Binding requests they send a STUN server too. Unknown stay, among
 * others, the types only RFC 3489 defined (CHANGE-REQUEST: RFC 5780 wants a server without its
 * NAT behaviour discovery to answer 420), the mechanisms RFC 8489 added for credentials this
 * server does not offer (MESSAGE-INTEGRITY-SHA256, PASSWORD-ALGORITHM, USERHASH), and RFC 6062's
 * CONNECTION-ID.
 */
public final class AttributeType {

    private AttributeType() {
    }

    /** Whether {@code type} is comprehension-required and not understood here. */
    public static boolean unknownRequired(int type) {
        if (type >= 0x8000) {
            return false;
        }
        return switch (type) {
            case 0x0001, // MAPPED-ADDRESS (responses)
                 0x0006, // USERNAME
                 0x0008, // MESSAGE-INTEGRITY
                 0x0009, // ERROR-CODE (responses)
                 0x000A, // UNKNOWN-ATTRIBUTES (responses)
                 0x000C, // CHANNEL-NUMBER
                 0x000D, // LIFETIME
                 0x0012, // XOR-PEER-ADDRESS
                 0x0013, // DATA
                 0x0014, // REALM
                 0x0015, // NONCE
                 0x0016, // XOR-RELAYED-ADDRESS (responses)
                 0x0017, // REQUESTED-ADDRESS-FAMILY (RFC 6156)
                 0x0018, // EVEN-PORT
                 0x0019, // REQUESTED-TRANSPORT
                 // DONT-FRAGMENT: accepted; the relay sockets cannot set DF from Java, as RFC 5766 §6.2 allows.
                 0x001A,
                 0x0020, // XOR-MAPPED-ADDRESS (responses)
                 0x0022, // RESERVATION-TOKEN
                 0x0024, // PRIORITY (ICE)
                 0x0025  // USE-CANDIDATE (ICE)
                    -> false;
            default -> true;
        };
    }
}
