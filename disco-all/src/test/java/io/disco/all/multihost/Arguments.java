package io.disco.all.multihost;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A client's command line as multi-host.sh writes it: {@code --name value} pairs, every one required. */
record Arguments(Map<String, String> values) {

    static Arguments of(String... args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in --name value pairs");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
        return new Arguments(values);
    }

    String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    Path path(String name) {
        return Path.of(get(name));
    }

    URI uri(String name) {
        return URI.create(get(name));
    }

    InetAddress address(String name) {
        return literal(get(name), name);
    }

    /** {@code ADDRESS:PORT}. */
    InetSocketAddress socketAddress(String name) {
        String value = get(name);
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(name + " " + value + " is not ADDRESS:PORT");
        }
        return new InetSocketAddress(literal(value.substring(0, colon), name),
                Integer.parseInt(value.substring(colon + 1)));
    }

    /** The script passes address literals, so nothing is looked up in DNS. */
    static InetAddress literal(String text, String name) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(name + " " + text + " is not an address", e);
        }
    }
}
