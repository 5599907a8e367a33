package io.disco.common.discovery;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code POST /apps} registers: the application's ID (its groups' {@code AppID} and its
 * WAMP realm, see {@link io.disco.common.apps.AppId}) and a name for people.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonPropertyOrder({"AppID", "Name"})
public record NewApp(@JsonProperty("AppID") String appId, @JsonProperty("Name") String name) {
}
