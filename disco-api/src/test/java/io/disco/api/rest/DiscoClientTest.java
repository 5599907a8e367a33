package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.discovery.DiscoApiException;
import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.DiscoException;
import io.disco.common.discovery.DiscoveryApi;
import io.disco.common.discovery.GroupNotFoundException;
import io.disco.common.model.Group;
import io.disco.common.model.GroupId;
import io.disco.common.model.Peer;
import io.disco.common.signing.Quorum;
import io.disco.common.signing.SigningKey;
import io.disco.common.testing.TestTls;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same flows through {@link DiscoClient}, the proxy of the API's own interface. */
class DiscoClientTest {

    private static final Peer MONICA = new Peer("198.18.0.1:1337", "0X04" + "AB".repeat(64), "Monica");

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

    @Test
    void createsListsGetsUpdatesAndDeletes() {
        GroupId id = disco.createGroup(Group.of("office group", "ClientApp", List.of(MONICA)));

        Group stored = disco.getGroup(id.value());
        assertEquals("office group", stored.name());
        assertEquals(List.of(MONICA), stored.peers());
        assertEquals(List.of(MONICA), stored.genesisPeers());
        assertEquals(api.clock.instant().getEpochSecond(), stored.lastUpdated());
        assertNull(stored.ttl());

        assertEquals(Set.of(id.value()), disco.listGroups("ClientApp").keySet());
        assertTrue(disco.listGroups().containsKey(id.value()));
        assertEquals(Map.of(), disco.listGroups("NoSuchApp"));

        Group renamed = new Group("", "renamed", "ClientApp", "", 0, List.of(), List.of(MONICA), 120L);
        assertEquals(id, disco.updateGroup(id.value(), renamed));
        assertEquals("renamed", disco.getGroup(id.value()).name());
        assertEquals(120L, disco.getGroup(id.value()).ttl());

        assertEquals("The group with ID " + id + " has been deleted successfully", disco.deleteGroup(id.value()));
        assertThrows(GroupNotFoundException.class, () -> disco.getGroup(id.value()));
    }

    @Test
    void appIdsWithSpacesAreEscapedAndDecoded() {
        GroupId id = disco.createGroup(Group.of("g", "My Babble App", List.of()));
        assertEquals(Set.of(id.value()), disco.listGroups("My Babble App").keySet());
        disco.deleteGroup(id.value());
    }

    @Test
    void anUnknownGroupIsATypedExceptionWithTheServersMessage() {
        GroupNotFoundException e = assertThrows(GroupNotFoundException.class, () -> disco.getGroup("nope"));
        assertEquals(404, e.status());
        assertEquals("group nope not found", e.getMessage());
        assertThrows(GroupNotFoundException.class, () -> disco.deleteGroup("nope"));
        assertThrows(GroupNotFoundException.class,
                () -> disco.updateGroup("nope", Group.of("g", "a", List.of())));
    }

    @Test
    void aRefusedGroupCarriesTheStatusAndMessage() {
        DiscoApiException e = assertThrows(DiscoApiException.class,
                () -> disco.createGroup(Group.of("no app", "", List.of())));
        assertEquals(400, e.status());
        assertEquals("AppID is required", e.getMessage());

        GroupId id = disco.createGroup(Group.of("g", "a", List.of()));
        DiscoApiException mismatch = assertThrows(DiscoApiException.class,
                () -> disco.updateGroup(id.value(), Group.of("g", "a", List.of()).withId("other")));
        assertEquals("the body's ID other differs from the path's " + id, mismatch.getMessage());
        disco.deleteGroup(id.value());
    }

    @Test
    void aTooLargeGroupIs413() {
        Group huge = Group.of("x".repeat((int) RunningApi.MAX_BODY), "a", List.of());
        DiscoApiException e = assertThrows(DiscoApiException.class, () -> disco.createGroup(huge));
        assertEquals(413, e.status());
    }

    @Test
    void trustingOnlyThePlatformRefusesTheSelfSignedServer() {
        try (DiscoClient strict = DiscoClient.builder(api.localhostUri()).build()) {
            DiscoException e = assertThrows(DiscoException.class, strict::listGroups);
            assertTrue(hasCause(e, SSLException.class), "not a TLS failure: " + e);
        }
    }

    @Test
    void thePinnedCertificateMustStillNameTheHost() throws Exception {
        // The certificate names localhost and 127.0.0.1, not 127.0.0.2, though that is the same host.
        try (RunningApi wide = new RunningApi("0.0.0.0");
             DiscoClient otherName = DiscoClient.builder(URI.create("https://127.0.0.2:" + wide.server.port()))
                     .trustCertificate(TestTls.certFile()).build();
             DiscoClient byIp = DiscoClient.builder(URI.create("https://127.0.0.1:" + wide.server.port()))
                     .trustCertificate(TestTls.certFile()).build()) {
            assertTrue(hasCause(assertThrows(DiscoException.class, otherName::listGroups), SSLException.class),
                    "a certificate for another name was accepted");
            assertEquals(Map.of(), byIp.listGroups());
        }
    }

    @Test
    void skipVerifyAcceptsAnyCertificateAndName() {
        try (DiscoClient lax = DiscoClient.builder(api.uri()).skipVerify().build()) {
            assertTrue(lax.listGroups() != null);
        }
    }

    @Test
    void anUnreachableServerIsADiscoException() {
        try (DiscoClient nowhere = DiscoClient.builder(URI.create("https://127.0.0.1:1"))
                .connectTimeout(Duration.ofSeconds(2)).skipVerify().build()) {
            DiscoException e = assertThrows(DiscoException.class, nowhere::listGroups);
            assertTrue(e.getMessage().startsWith("discovery server https://127.0.0.1:1 failed"), e.getMessage());
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Peer peer(SigningKey key) {
        return new Peer("198.18.0.1:1337", key.publicKey().toString(), "m");
    }

    private static Group group(String id, SigningKey... members) {
        List<Peer> peers = Arrays.stream(members).map(DiscoClientTest::peer).toList();
        return new Group(id, "signed", "ClientSigned", "", 0, peers, peers, null, Quorum.MAJORITY);
    }

    @Test
    void signsUpdatesReplacementsAndDeletesOfAProtectedGroup() {
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
