package io.disco.api.group;

import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.signing.PeerKey;
import io.disco.common.signing.Quorum;
import io.disco.common.signing.SignatureFormatException;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a group must meet before it is stored. Messages name the offending field. */
public final class GroupRules {

    // IDs travel in URL paths: keep them to the characters that need no escaping there.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]+");

    private final GroupLimits limits;

    public GroupRules(GroupLimits limits) {
        this.limits = limits;
    }

    /** Whether {@code id} is of the characters an ID may hold, whatever its length. */
    public static boolean holdsOnlyIdCharacters(String id) {
        return ID.matcher(id).matches();
    }

    /** @throws InvalidGroupException naming the first rule the group breaks */
    public void check(Group group) {
        if (!group.id().isEmpty()) {
            if (group.id().length() > limits.maxIdLength()) {
                throw new InvalidGroupException("ID is longer than " + limits.maxIdLength() + " characters");
            }
            if (!holdsOnlyIdCharacters(group.id())) {
                throw new InvalidGroupException("ID may hold only letters, digits and . _ ~ -");
            }
        }
        if (group.appId().isBlank()) {
            throw new InvalidGroupException("AppID is required");
        }
        text("AppID", group.appId(), limits.maxTextLength());
        text("Name", group.name(), limits.maxTextLength());
        text("PubKey", group.pubKey(), limits.maxKeyLength());
        peers("Peers", group.peers());
        peers("GenesisPeers", group.genesisPeers());
        if (group.ttl() != null && group.ttl() <= 0) {
            throw new InvalidGroupException("TTL must be a positive number of seconds");
        }
    }

    /**
     * A protected group must name keys that can sign for it: a {@code PubKey} for
     * {@link Quorum#CREATOR}, {@code Peers} otherwise, each a secp256k1 key as Babble writes it.
     *
     * @throws InvalidGroupException naming the first that is missing or not a key
     */
    public void checkSigners(Group group) {
        if (group.quorum() == Quorum.CREATOR) {
            key("PubKey", group.pubKey());
            return;
        }
        if (group.peers().isEmpty()) {
            throw new InvalidGroupException("Quorum " + group.quorum() + " needs Peers to sign for the group");
        }
        for (int i = 0; i < group.peers().size(); i++) {
            key("Peers[" + i + "].PubKeyHex", group.peers().get(i).pubKeyHex());
        }
    }

    private static void key(String field, String value) {
        try {
            PeerKey.parse(value);
        } catch (SignatureFormatException e) {
            throw new InvalidGroupException(field + ": " + e.getMessage() + "; the group's Quorum needs it");
        }
    }

    private void peers(String field, List<Peer> peers) {
        if (peers.size() > limits.maxPeers()) {
            throw new InvalidGroupException(field + " has " + peers.size() + " peers; at most "
                    + limits.maxPeers() + " are allowed");
        }
        for (int i = 0; i < peers.size(); i++) {
            Peer peer = peers.get(i);
            String at = field + "[" + i + "]";
            if (peer == null) {
                throw new InvalidGroupException(at + " is null");
            }
            text(at + ".NetAddr", peer.netAddr(), limits.maxTextLength());
            text(at + ".PubKeyHex", peer.pubKeyHex(), limits.maxKeyLength());
            text(at + ".Moniker", peer.moniker(), limits.maxTextLength());
        }
    }

    private static void text(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidGroupException(field + " is longer than " + maxLength + " characters");
        }
    }
}
