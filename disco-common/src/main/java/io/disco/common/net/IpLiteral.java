package io.disco.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address written as a literal; never a host name, so parsing never does a DNS lookup. */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** @throws IllegalArgumentException when {@code text} is not an IP address literal */
    public static InetAddress parse(String text) {
        String value = text.strip();
        boolean literal = !value.isEmpty() && (value.indexOf(':') >= 0
                ? value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                : value.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') && value.split("\\.", -1).length == 4);
        if (!literal) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }
}
