package io.disco.api.rest;

import io.disco.api.group.GroupListing;
import io.disco.common.model.GroupId;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Answers listings with the JSON each stored group renders once, and IDs without a trip through
 * Jackson; the bytes are the ones Jackson would write. (A group by ID reaches Jersey only when
 * {@link StoredReads} left it there, an unusual Accept say, and Jackson writes it.) The exact length goes in Content-Length, which also spares large listings chunked
 * encoding.
 *
 * <p>One subclass per entity type: Jersey prefers the writer whose declared type is closest, so
 * these win over Jackson's {@code Object} writer.
 */
@Produces(MediaType.APPLICATION_JSON)
abstract sealed class StoredJsonWriter<T> implements MessageBodyWriter<T> {

    private final Class<T> type;

    private StoredJsonWriter(Class<T> type) {
        this.type = type;
    }

    abstract byte[] json(T entity) throws IOException;

    @Override
    public final boolean isWriteable(Class<?> actual, Type genericType, Annotation[] annotations,
                                     MediaType mediaType) {
        return actual == type;
    }

    @Override
    public final void writeTo(T entity, Class<?> actual, Type genericType, Annotation[] annotations,
                              MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        byte[] json = json(entity);
        // As text: a number would be turned into text through Jersey's header delegates, looked
        // up on every request.
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(json.length));
        out.write(json);
    }

    /** The bare JSON string that create and update answer. */
    static final class ForGroupId extends StoredJsonWriter<GroupId> {
        ForGroupId() {
            super(GroupId.class);
        }

        @Override
        byte[] json(GroupId id) {
            return GroupListing.quoted(id.value());
        }
    }

    static final class ForListing extends StoredJsonWriter<GroupListing> {
        ForListing() {
            super(GroupListing.class);
        }

        @Override
        byte[] json(GroupListing listing) {
            return listing.json();
        }
    }
}
