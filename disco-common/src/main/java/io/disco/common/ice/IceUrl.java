package io.disco.common.ice;

import io.disco.common.net.IpLiteral;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STUN or TURN server's URL as {@code RTCIceServer.urls} takes it (RFC 7064, RFC 7065):
 * {@code stun:host[:port]}, {@code turn:host[:port][?transport=udp|tcp]} or {@code turns:...}.
 * The host is a name, an IPv4 address or a bracketed IPv6 address.
 */
public record IceUrl(Scheme scheme, String host, OptionalInt port, Optional<Transport> transport) {

    private static final Pattern URL = Pattern.compile(
            "(?<scheme>[A-Za-z]+):(?<host>\\[[^\\]]*\\]|[^:?\\[\\]]*)(?::(?<port>[0-9]{1,5}))?(?:\\?(?<query>.*))?");
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
    private static final String TRANSPORT = "transport=";

    /** What the server at the URL is reached as. */
    public enum Scheme {
        STUN, TURN, TURNS;

        public boolean isTurn() {
            return this != STUN;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The transport a TURN client reaches the server over. */
    public enum Transport {
        UDP, TCP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public IceUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(transport, "transport");
        if (!scheme.isTurn() && transport.isPresent()) {
            throw new IllegalArgumentException("a stun: URL takes no transport");
        }
    }

    /** A TURN URL of {@code scheme} at {@code host}, an IPv6 literal bracketed or not. */
    public static IceUrl turn(Scheme scheme, String host, int port, Transport transport) {
        String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return new IceUrl(scheme, bracketed, OptionalInt.of(port), Optional.of(transport));
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static IceUrl parse(String text) {
        Matcher url = URL.matcher(text.strip());
        if (!url.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a stun:, turn: or turns: URL (scheme:host[:port])");
        }
        Scheme scheme = switch (url.group("scheme").toLowerCase(Locale.ROOT)) {
            case "stun" -> Scheme.STUN;
            case "turn" -> Scheme.TURN;
            case "turns" -> Scheme.TURNS;
            default -> throw new IllegalArgumentException("'" + text + "' is not a stun:, turn: or turns: URL");
        };
        String host = url.group("host");
        if (!validHost(host)) {
            throw new IllegalArgumentException("'" + text + "' has no valid host");
        }
        OptionalInt port = OptionalInt.empty();
        if (url.group("port") != null) {
            int number = Integer.parseInt(url.group("port"));
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("'" + text + "' has no valid port (1 to 65535)");
            }
            port = OptionalInt.of(number);
        }
        Optional<Transport> transport = Optional.empty();
        String query = url.group("query");
        if (query != null) {
            transport = Optional.of(switch (scheme.isTurn() && query.startsWith(TRANSPORT)
                    ? query.substring(TRANSPORT.length()).toLowerCase(Locale.ROOT) : "") {
                case "udp" -> Transport.UDP;
                case "tcp" -> Transport.TCP;
                default -> throw new IllegalArgumentException("'" + text + "' may end only in ?transport=udp or"
                        + " ?transport=tcp, and only a turn: or turns: URL");
            });
        }
        return new IceUrl(scheme, host, port, transport);
    }

    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            String literal = host.substring(1, host.length() - 1);
            if (literal.indexOf(':') < 0) {
                return false;
            }
            try {
                IpLiteral.parse(literal);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return !host.isEmpty() && host.length() <= 253 && HOST_NAME.matcher(host).matches();
    }

    @Override
    public String toString() {
        return scheme + ":" + host + (port.isPresent() ? ":" + port.getAsInt() : "")
                + transport.map(t -> "?" + TRANSPORT + t).orElse("");
    }
}
