package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import java.net.URI;
import java.util.List;

/**
 * The api hosts as Babble nodes use them: one advertises its group through one host, others find
 * it through the other, which shares the first's Redis; a delete through either is seen by both.
 */
final class DiscoveryCheck {

    private static final String APP_ID = "disco-multi-host";

    private final Deployment deployment;

    DiscoveryCheck(Deployment deployment) {
        this.deployment = deployment;
    }

    String run() {
        try (DiscoClient disco = client(deployment.api()); DiscoClient other = client(deployment.secondApi())) {
            Peer self = new Peer(deployment.self().getHostAddress() + ":1337", SignalingCheck.CLIENT_KEY, "client");
            String id = disco.createGroup(Group.of("multi-host", APP_ID, List.of(self))).value();
            Group read = other.getGroup(id);
            require(read.appId().equals(APP_ID) && read.peers().equals(List.of(self)),
                    () -> "group " + id + " read back through " + deployment.secondApi() + " as " + read);
            require(other.listGroups(APP_ID).containsKey(id),
                    () -> "group " + id + " is not listed under " + APP_ID + " at " + deployment.secondApi());
            other.deleteGroup(id);
            require(!disco.listGroups(APP_ID).containsKey(id), () -> "group " + id + " deleted at "
                    + deployment.secondApi() + " is still listed at " + deployment.api());
            return "created group " + id + " at " + deployment.api() + ", read it back and found it listed at "
                    + deployment.secondApi() + ", deleted it there and found it gone at " + deployment.api();
        }
    }

    private DiscoClient client(URI api) {
        return DiscoClient.builder(api).trustCertificate(deployment.ca()).build();
    }
}
