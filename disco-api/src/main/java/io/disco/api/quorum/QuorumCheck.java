package io.disco.api.quorum;

import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.signing.PeerKey;
import io.disco.common.signing.Quorum;
import io.disco.common.signing.SignatureFormatException;
import io.disco.common.signing.Signatures;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Counts the signatures that let a request change a protected group, against the group exactly
 * as stored: the registry runs it inside the store's write, so two requests signed against the
 * same {@code LastUpdated} cannot both pass, and a member a signed update removed no longer counts.
 *
 * <p>A signature counts when it verifies and its key is a member: the group's {@code PubKey} for
 * {@link Quorum#CREATOR}, one of its {@code Peers}' {@code PubKeyHex} otherwise. Each key counts
 * once, however often it signed; a member's signature is verified only until it counts.
 */
public final class QuorumCheck {

    private QuorumCheck() {
    }

    /**
     * @return the tally against protected {@code group}; signatures of non-members are not
     *         verified, and those {@code request} verified against this {@code LastUpdated} before
     *         are not verified again
     */
    public static Tally tally(Group group, Verifications request) {
        Set<PeerKey> members = members(group);
        Set<PeerKey> signers = new HashSet<>();
        for (Signatures.Signed entry : request.request().signatures().entries()) {
            if (members.contains(entry.key()) && !signers.contains(entry.key())
                    && request.verifies(entry, group.lastUpdated())) {
                signers.add(entry.key());
            }
        }
        return new Tally(signers.size(), group.quorum().needed(members.size()));
    }

    /**
     * The keys whose signatures count for protected {@code group}, distinct.
     *
     * @throws SignatureFormatException when one of them is not a key, which the rules refuse
     *                                  before such a group is stored
     */
    public static Set<PeerKey> members(Group group) {
        if (group.quorum() == Quorum.CREATOR) {
            return Set.of(PeerKey.parse(group.pubKey()));
        }
        Set<PeerKey> members = new LinkedHashSet<>();
        for (Peer peer : group.peers()) {
            members.add(PeerKey.parse(peer.pubKeyHex()));
        }
        return members;
    }
}
