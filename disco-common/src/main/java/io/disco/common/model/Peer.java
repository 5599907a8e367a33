package io.disco.common.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A member of a group, as Babble describes it: where to reach it, its public key and a
 * human-readable name.
 *
 * <p>Field names are the Go original's; input is matched case-insensitively because Go's
 * decoder does the same, so clients written against it may send {@code netaddr}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonPropertyOrder({"NetAddr", "PubKeyHex", "Moniker"})
public record Peer(
        @JsonProperty("NetAddr") String netAddr,
        @JsonProperty("PubKeyHex") String pubKeyHex,
        @JsonProperty("Moniker") String moniker) {

    /** Absent strings become empty ones, as Go's zero value would. */
    public Peer {
        netAddr = netAddr == null ? "" : netAddr;
        pubKeyHex = pubKeyHex == null ? "" : pubKeyHex;
        moniker = moniker == null ? "" : moniker;
    }
}
