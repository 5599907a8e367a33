package io.disco.all.multihost;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay candidate a Babble node's offer or answer carries, as a WebRTC session description
 * names it: enough of one for the other side to send to that relay.
 */
final class RelayCandidate {

    private static final Pattern CANDIDATE = Pattern.compile("a=candidate:1 1 udp \\d+ (\\S+) (\\d+) typ relay");

    private RelayCandidate() {
    }

    /** {@code type} ("offer" or "answer") as JSON, its description naming {@code relayed}. */
    static String description(String type, InetSocketAddress relayed) {
        return "{\"type\":\"" + type + "\",\"sdp\":\"a=candidate:1 1 udp 16777215 "
                + relayed.getAddress().getHostAddress() + " " + relayed.getPort() + " typ relay\"}";
    }

    /** The relay {@code description} names. */
    static InetSocketAddress in(String description) {
        Matcher candidate = CANDIDATE.matcher(description);
        if (!candidate.find()) {
            throw new IllegalArgumentException("no relay candidate in " + description);
        }
        return new InetSocketAddress(Arguments.literal(candidate.group(1), "the candidate's address"),
                Integer.parseInt(candidate.group(2)));
    }
}
