package io.disco.common.ice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code RTCConfiguration.iceServers}, as a browser takes it: the URLs of one set of
 * servers and, for TURN, the credential they accept. A STUN entry has neither username nor
 * credential, and its JSON leaves them out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"urls", "username", "credential"})
public record IceServer(
        @JsonProperty("urls") List<String> urls,
        @JsonProperty("username") @JsonInclude(JsonInclude.Include.NON_NULL) String username,
        @JsonProperty("credential") @JsonInclude(JsonInclude.Include.NON_NULL) String credential) {

    public IceServer {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    }

    /** STUN servers, which ask for no credential. */
    public static IceServer stun(List<IceUrl> urls) {
        return new IceServer(texts(urls), null, null);
    }

    /** TURN servers and the credential they accept. */
    public static IceServer turn(List<IceUrl> urls, TurnRestCredential credential) {
        return new IceServer(texts(urls), credential.username(), credential.password());
    }

    private static List<String> texts(List<IceUrl> urls) {
        return urls.stream().map(IceUrl::toString).toList();
    }
}
