package io.disco.api.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupRulesTest {

    private final GroupRules rules = new GroupRules(GroupLimits.withMaxPeers(3));

    private static Group withPeers(List<Peer> peers) {
        return new Group("", "n", "app", "", 0, peers, List.of(), null);
    }

    private String refusal(Group group) {
        return assertThrows(InvalidGroupException.class, () -> rules.check(group)).getMessage();
    }

    @Test
    void acceptsAnOrdinaryGroup() {
        rules.check(withPeers(List.of(new Peer("h:1", "0X04" + "AB".repeat(64), "m"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void requiresAnAppId(String appId) {
        assertEquals("AppID is required", refusal(new Group("", "n", appId, "", 0, null, null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a b", "../x", "é", "a?b"})
    void keepsIdsToUrlSafeCharacters(String id) {
        assertEquals("ID may hold only letters, digits and . _ ~ -",
                refusal(new Group(id, "n", "app", "", 0, null, null, null)));
    }

    @Test
    void limitsIdLength() {
        assertEquals("ID is longer than 128 characters",
                refusal(new Group("a".repeat(129), "n", "app", "", 0, null, null, null)));
    }

    @Test
    void limitsTextFields() {
        assertEquals("Name is longer than 256 characters",
                refusal(new Group("", "n".repeat(257), "app", "", 0, null, null, null)));
        assertEquals("PubKey is longer than 4096 characters",
                refusal(new Group("", "n", "app", "k".repeat(4097), 0, null, null, null)));
        assertEquals("Peers[0].Moniker is longer than 256 characters",
                refusal(withPeers(List.of(new Peer("h", "k", "m".repeat(257))))));
    }

    @Test
    void limitsPeerLists() {
        List<Peer> four = Collections.nCopies(4, new Peer("h", "k", "m"));
        assertEquals("Peers has 4 peers; at most 3 are allowed", refusal(withPeers(four)));
        assertEquals("GenesisPeers has 4 peers; at most 3 are allowed",
                refusal(new Group("", "n", "app", "", 0, List.of(), four, null)));
    }

    @Test
    void refusesNullPeers() {
        List<Peer> peers = new ArrayList<>();
        peers.add(null);
        assertEquals("Peers[0] is null", refusal(withPeers(peers)));
    }
}
