package io.disco.api.rest;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** A request whose body was read already, read again from what was kept of it. */
final class ReplayedBody extends Request.Wrapper {

    private Content.Chunk body;

    ReplayedBody(Request request, byte[] body) {
        super(request);
        this.body = Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = body;
        // The last chunk stays: a source read past its end keeps answering the end.
        body = Content.Chunk.next(chunk);
        return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
        demandCallback.run();
    }

    @Override
    public void fail(Throwable failure) {
        body = Content.Chunk.from(failure);
    }
}
