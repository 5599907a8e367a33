package io.disco.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /drain} answers: whether a drain began, whether it is done, and what each service
 * still holds ({@code {"allocations": 3, "sessions": 0}}).
 */
public record DrainState(@JsonProperty("draining") boolean draining, @JsonProperty("done") boolean done,
                         @JsonProperty("remaining") Map<String, Long> remaining) {

    public DrainState {
        remaining = Collections.unmodifiableMap(new LinkedHashMap<>(remaining));
    }
}
