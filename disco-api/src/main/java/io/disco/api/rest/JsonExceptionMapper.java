package io.disco.api.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/**
 * A body that is not the JSON of a group: 400 with where it went wrong, in the API's own field
 * names, never Jackson's class names or the body itself.
 */
final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return ErrorResponses.of(400, describe(e));
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "request body is nested too deeply or too large";
        }
        if (e instanceof JsonParseException) {
            return "malformed JSON" + location(e);
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping.getPath());
            if (e instanceof ValueInstantiationException && e.getCause() != null) {
                return "invalid " + (field.isEmpty() ? "body" : field) + ": " + e.getCause().getMessage();
            }
            if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                // FAIL_ON_TRAILING_TOKENS has no exception type of its own.
                return "unexpected data after the JSON group";
            }
            if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                String expected = expected(mismatch.getTargetType());
                return field.isEmpty()
                        ? "request body must be " + expected
                        : "wrong type for " + field + ": expected " + expected;
            }
            if (e instanceof InvalidFormatException) {
                return "wrong value for " + (field.isEmpty() ? "body" : field);
            }
            if (!field.isEmpty()) {
                return "invalid " + field;
            }
        }
        return "malformed JSON" + location(e);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
