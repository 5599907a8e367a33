package io.disco.common.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The body of every error answer: {@code {"error": "...", "status": N}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"error", "status"})
public record ErrorBody(@JsonProperty("error") String error, @JsonProperty("status") int status) {
}
