package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The api hosts as Babble nodes use them: one advertises its group through one host, others find
 * it through the other, which shares the first's Redis; a delete through either is seen by both.
 */
final class DiscoveryCheck {

    private static final String APP_ID = "disco-multi-host";

    private final Path ca;
    private final InetAddress self;
    private final URI api;
    private final URI secondApi;

    /** Through {@code api} and {@code secondApi}, trusting {@code ca} alone, as the client host {@code self}. */
    DiscoveryCheck(Path ca, InetAddress self, URI api, URI secondApi) {
        this.ca = ca;
        this.self = self;
        this.api = api;
        this.secondApi = secondApi;
    }

    String run() {
        try (DiscoClient disco = client(api); DiscoClient other = client(secondApi)) {
            Peer peer = new Peer(self.getHostAddress() + ":1337", SignalingCheck.CLIENT_KEY, "client");
            String id = disco.createGroup(Group.of("multi-host", APP_ID, List.of(peer))).value();
            Group read = other.getGroup(id);
            require(read.appId().equals(APP_ID) && read.peers().equals(List.of(peer)),
                    () -> "group " + id + " read back through " + secondApi + " as " + read);
            require(other.listGroups(APP_ID).containsKey(id),
                    () -> "group " + id + " is not listed under " + APP_ID + " at " + secondApi);
            other.deleteGroup(id);
            require(!disco.listGroups(APP_ID).containsKey(id), () -> "group " + id + " deleted at "
                    + secondApi + " is still listed at " + api);
            return "created group " + id + " at " + api + ", read it back and found it listed at "
                    + secondApi + ", deleted it there and found it gone at " + api;
        }
    }

    private DiscoClient client(URI host) {
        return DiscoClient.builder(host).trustCertificate(ca).build();
    }
}
