package io.disco.common.cli;

import picocli.CommandLine.Option;

/** The administrative domain shared by signaling (WAMP realm) and relay (TURN realm). */
public final class RealmOption {

    @Option(names = "--realm", paramLabel = "NAME", defaultValue = "main",
            description = "Administrative routing domain of the WebRTC signaling and TURN realm (default: ${DEFAULT-VALUE})")
    String realm;

    public String realm() {
        return realm;
    }
}
