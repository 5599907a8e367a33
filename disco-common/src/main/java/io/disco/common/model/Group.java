package io.disco.common.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.disco.common.signing.Quorum;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A group of peers advertised by an application, with the exact JSON of the Go original.
 *
 * <p>{@code ttl} is this server's addition: seconds the group lives without an update. It is
 * {@code null} for groups that use the server's default, and then absent from the JSON, so
 * existing clients see exactly the original's fields. {@code quorum} is another: whose
 * signatures an update or delete needs ({@code null}, and absent from the JSON, for none).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonPropertyOrder({"ID", "Name", "AppID", "PubKey", "LastUpdated", "Peers", "GenesisPeers", "TTL", "Quorum"})
public record Group(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("AppID") String appId,
        @JsonProperty("PubKey") String pubKey,
        @JsonProperty("LastUpdated") long lastUpdated,
        @JsonProperty("Peers") List<Peer> peers,
        // The original's README still shows the older name.
        @JsonProperty("GenesisPeers") @JsonAlias("InitialPeers") List<Peer> genesisPeers,
        @JsonProperty("TTL") @JsonInclude(JsonInclude.Include.NON_NULL) Long ttl,
        @JsonProperty("Quorum") @JsonInclude(JsonInclude.Include.NON_NULL) Quorum quorum) {

    /**
     * Go clients send {@code null} for empty lists and omit strings; both normalise to empty
     * values so the rest of the server never sees a null. A null inside a list is kept for the
     * validator to reject with a message that names it.
     */
    @JsonCreator
    public Group {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        appId = appId == null ? "" : appId;
        pubKey = pubKey == null ? "" : pubKey;
        peers = immutable(peers);
        genesisPeers = immutable(genesisPeers);
    }

    /** A group that no signatures protect. */
    public Group(String id, String name, String appId, String pubKey, long lastUpdated, List<Peer> peers,
            List<Peer> genesisPeers, Long ttl) {
        this(id, name, appId, pubKey, lastUpdated, peers, genesisPeers, ttl, null);
    }

    /** A new group with the fields a client sets; the server fills in the rest. */
    public static Group of(String name, String appId, List<Peer> peers) {
        return new Group("", name, appId, "", 0, peers, peers, null);
    }

    public Group withId(String newId) {
        return new Group(newId, name, appId, pubKey, lastUpdated, peers, genesisPeers, ttl, quorum);
    }

    public Group withTtl(Long newTtl) {
        return new Group(id, name, appId, pubKey, lastUpdated, peers, genesisPeers, newTtl, quorum);
    }

    public Group withLastUpdated(long unixSeconds) {
        return new Group(id, name, appId, pubKey, unixSeconds, peers, genesisPeers, ttl, quorum);
    }

    public Group withQuorum(Quorum newQuorum) {
        return new Group(id, name, appId, pubKey, lastUpdated, peers, genesisPeers, ttl, newQuorum);
    }

    // Copied once, as the group is made from outside; the with* copies share it, since nothing
    // can change it.
    private static List<Peer> immutable(List<Peer> list) {
        if (list == null) {
            return List.of();
        }
        return list instanceof Peers peers ? peers : new Peers(list.toArray(new Peer[0]));
    }

    /** A group's peers, unmodifiable; unlike {@link List#copyOf}, it keeps a null for the validator. */
    private static final class Peers extends AbstractList<Peer> implements RandomAccess {

        private final Peer[] peers;

        Peers(Peer[] peers) {
            this.peers = peers;
        }

        @Override
        public Peer get(int index) {
            return peers[index];
        }

        @Override
        public int size() {
            return peers.length;
        }
    }
}
