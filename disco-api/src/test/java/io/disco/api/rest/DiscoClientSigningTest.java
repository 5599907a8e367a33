package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.common.discovery.DiscoApiException;
import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.DiscoveryApi;
import io.disco.common.discovery.GroupNotFoundException;
import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import io.disco.common.model.Peer;
import io.disco.common.signing.Quorum;
import io.disco.common.signing.SigningKey;
import io.disco.common.testing.TestTls;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A protected group changed through {@link DiscoClient}'s signing calls. */
class DiscoClientSigningTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SigningKey ANNA = SigningKey.generate(RANDOM);
    private static final SigningKey BORIS = SigningKey.generate(RANDOM);
    private static final SigningKey CHLOE = SigningKey.generate(RANDOM);

    private static RunningApi api;
    private static DiscoClient disco;

    @BeforeAll
    static void start() throws Exception {
        api = new RunningApi();
        disco = DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile()).build();
    }

    @AfterAll
    static void stop() {
        disco.close();
        api.close();
    }

    private static Peer peer(SigningKey key) {
        return new Peer("198.18.0.1:1337", key.publicKey().toString(), "m");
    }

    private static Group group(String id, SigningKey... members) {
        List<Peer> peers = java.util.Arrays.stream(members).map(DiscoClientSigningTest::peer).toList();
        return new Group(id, "signed", "ClientSigned", "", 0, peers, peers, null, Quorum.MAJORITY);
    }

    @Test
    void updatesReplacesAndDeletesWithEnoughSignatures() {
        GroupId id = disco.createGroup(group("", ANNA, BORIS, CHLOE));
        Group smaller = group(id.value(), ANNA, BORIS);

        DiscoApiException unsigned = assertThrows(DiscoApiException.class, () -> disco.updateGroup(id.value(), smaller));
        assertEquals(403, unsigned.status());
        DiscoApiException one = assertThrows(DiscoApiException.class,
                () -> disco.updateGroup(id.value(), smaller, List.of(ANNA)));
        assertEquals("group " + id + " is protected (Quorum majority): 1 valid member signature found, 2 needed",
                one.getMessage());

        assertEquals(id, disco.updateGroup(id.value(), smaller, List.of(ANNA, CHLOE)));
        assertEquals(List.of(peer(ANNA), peer(BORIS)), disco.getGroup(id.value()).peers());
        assertEquals(Quorum.MAJORITY, disco.getGroup(id.value()).quorum());

        assertThrows(DiscoApiException.class, () -> disco.createGroup(smaller, List.of(ANNA, CHLOE)));
        assertEquals(id, disco.createGroup(smaller, List.of(ANNA, BORIS)));

        assertEquals(403, assertThrows(DiscoApiException.class, () -> disco.deleteGroup(id.value())).status());
        assertEquals(DiscoveryApi.deletedMessage(id.value()), disco.deleteGroup(id.value(), List.of(BORIS, ANNA)));
        assertThrows(GroupNotFoundException.class, () -> disco.getGroup(id.value()));
    }
}
