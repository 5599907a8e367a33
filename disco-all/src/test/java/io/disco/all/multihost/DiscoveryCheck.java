package io.disco.all.multihost;

import static io.disco.all.multihost.MultiHostClient.require;

import io.disco.common.discovery.DiscoClient;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import java.util.List;

/** The api host as a Babble node uses it: advertises its group and finds it again. */
final class DiscoveryCheck {

    private static final String APP_ID = "disco-multi-host";

    private final Deployment deployment;

    DiscoveryCheck(Deployment deployment) {
        this.deployment = deployment;
    }

    String run() {
        try (DiscoClient disco = DiscoClient.builder(deployment.api()).trustCertificate(deployment.ca()).build()) {
            Peer self = new Peer(deployment.self().getHostAddress() + ":1337", SignalingCheck.CLIENT_KEY, "client");
            String id = disco.createGroup(Group.of("multi-host", APP_ID, List.of(self))).value();
            Group read = disco.getGroup(id);
            require(read.appId().equals(APP_ID) && read.peers().equals(List.of(self)),
                    () -> "group " + id + " read back as " + read);
            require(disco.listGroups(APP_ID).containsKey(id), () -> "group " + id + " is not listed under " + APP_ID);
            return "created group " + id + " at " + deployment.api() + ", read it back and found it listed";
        }
    }
}
