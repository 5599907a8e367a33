package io.disco.api.rest;

import com.fasterxml.jackson.core.JacksonException;
import io.disco.api.audit.WriteClients;
import io.disco.api.group.GroupException;
import io.disco.api.group.GroupListing;
import io.disco.api.group.GroupRegistry;
import io.disco.api.store.StoreUnavailableException;
import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import io.disco.common.signing.Signatures;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Creates groups from {@code POST /group} ahead of Jersey, answering 201 and the ID as Jersey
 * would; whatever does not succeed goes on to Jersey, with the body it sent, and Jersey says why.
 *
 * <p>Creating a group is the API's one frequent write (every Babble group advertises itself),
 * and Jersey's pipeline cost it about a third of its CPU. Taken here: a POST of {@code /group}
 * with no query and no {@code Disco-Signatures} header (Jersey checks the rare signed replacement
 * of a protected group), asking for JSON or anything, whose body has a declared length within
 * {@code --max-body-size}, parses as a group and is accepted by the registry. A body that does
 * not parse, a group the rules, quotas or a protected group refuse, a body too large or of
 * unknown length: Jersey
 * answers those, reading the same bytes again where they were read here, and the registry runs
 * its checks again, which changed nothing the first time. A store that fails is answered here,
 * so that the write is not tried twice. The request's thread does not wait for the store's disk:
 * the answer is sent when the write is committed.
 */
public final class GroupCreates extends Handler.Wrapper {

    private static final String PATH = "/group";

    private final GroupRegistry registry;
    private final long maxBodyBytes;

    public GroupCreates(GroupRegistry registry, long maxBodyBytes, Handler next) {
        super(next);
        this.registry = registry;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!isPlainCreate(request)) {
            return super.handle(request, response, callback);
        }
        byte[] body = readBody(request);
        if (body == null) {
            // Shorter than declared: the client is gone or broken, and Jersey reports it alike.
            return super.handle(request, response, callback);
        }
        CompletableFuture<String> created;
        try {
            Group group = DiscoJson.mapper().readValue(body, Group.class);
            if (group == null) {
                return super.handle(new ReplayedBody(request, body), response, callback);
            }
            created = registry.forClient(WriteClients.of(request)).createOrReplaceAsync(group);
        } catch (JacksonException | GroupException refused) {
            return super.handle(new ReplayedBody(request, body), response, callback);
        }
        created.whenComplete((id, failure) -> answer(request, body, response, callback, id, failure));
        return true;
    }

    /**
     * Runs where the store completes the write: on the request's thread for a store in memory,
     * on the writer for one on disk, which this must not hold up: the answer is one non-blocking
     * write, and a refusal goes to Jersey on another thread.
     */
    private void answer(Request request, byte[] body, Response response, Callback callback, String id,
            Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause == null) {
            JsonAnswers.send(response, 201, GroupListing.quoted(id), callback);
        } else if (cause instanceof StoreUnavailableException) {
            JsonAnswers.storeUnavailable(response, callback);
        } else if (cause instanceof GroupException) {
            // Jersey says why, so that every refusal has one description.
            LeftToJersey.later(getHandler(), new ReplayedBody(request, body), response, callback);
        } else {
            callback.failed(cause);
        }
    }

    private boolean isPlainCreate(Request request) {
        long length = request.getLength();
        return HttpMethod.POST.is(request.getMethod())
                && PATH.equals(request.getHttpURI().getPath())
                && request.getHttpURI().getQuery() == null
                && !request.getHeaders().contains(Signatures.HEADER)
                && length > 0 && length <= maxBodyBytes
                && JsonAnswers.acceptsJson(request);
    }

    /** The declared length of body, or {@code null} when the request ends before it. */
    private static byte[] readBody(Request request) throws IOException {
        int length = (int) request.getLength();
        byte[] body = Content.Source.asInputStream(request).readNBytes(length);
        return body.length == length ? body : null;
    }
}
