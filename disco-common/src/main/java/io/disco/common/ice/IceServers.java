package io.disco.common.ice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code GET /ice-servers}: {@code iceServers} goes into {@code new
 * RTCPeerConnection({iceServers})} as it is; {@code ttl} is how many seconds its credentials
 * work, after which a client asks again.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"iceServers", "ttl"})
public record IceServers(@JsonProperty("iceServers") List<IceServer> iceServers, @JsonProperty("ttl") long ttl) {

    public IceServers {
        iceServers = List.copyOf(Objects.requireNonNull(iceServers, "iceServers"));
    }
}
