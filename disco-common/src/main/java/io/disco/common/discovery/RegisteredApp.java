package io.disco.common.discovery;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A registered application as the admin API shows it. {@code Created} is RFC 3339 in UTC.
 * {@code Key} is there only in the answer that issued it (registering, or a new key), and absent
 * from the JSON otherwise: the server keeps none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonPropertyOrder({"AppID", "Name", "Created", "Key"})
public record RegisteredApp(
        @JsonProperty("AppID") String appId,
        @JsonProperty("Name") String name,
        @JsonProperty("Created") String created,
        @JsonProperty("Key") @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    /** What a client sends as {@code Authorization: Bearer ...} to the discovery API. */
    public static String bearer(String appId, String key) {
        return appId + ":" + key;
    }
}
