package io.disco.all;

import java.util.regex.Pattern;

/** The lines each service logs once it listens on loopback, with the ports it was given. */
public final class StartedLines {

    /** Group 1: the port. */
    public static final Pattern API = Pattern.compile("Started discovery API on https://127\\.0\\.0\\.1:(\\d+)");
    /** Group 1: the port. */
    public static final Pattern SIGNAL = Pattern.compile("Started signaling router on wss://127\\.0\\.0\\.1:(\\d+)/");
    /** Group 1: the UDP and TCP port; group 2: the TLS port. */
    public static final Pattern TURN = Pattern.compile("Started TURN server on udp/(\\d+), tcp/\\d+, tls/(\\d+)");

    private StartedLines() {
    }
}
