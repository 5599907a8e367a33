package io.disco.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A group's ID as the create and update calls answer it: a bare JSON string such as
 * {@code "8f41c928-360b-4202-90f1-a7efa6b7ffd3"}, which is what Go clients decode.
 */
public record GroupId(@JsonValue String value) {

    @JsonCreator
    public GroupId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
