package io.disco.api.rest;

import io.disco.api.quorum.SignedRequest;
import io.disco.common.signing.CanonicalRequest;
import io.disco.common.signing.SignatureFormatException;
import io.disco.common.signing.Signatures;
import jakarta.annotation.Priority;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads a write's {@code Disco-Signatures} header into a {@link SignedRequest}, with the SHA-256
 * of the body it came with. The digest is taken as the body is read, after {@link BodySizeLimit}
 * has bounded it, and only from requests that carry the header: the others never need it.
 */
@Priority(Priorities.USER + 1)
final class SignedRequests implements ReaderInterceptor {

    private static final String BODY_SHA256 = SignedRequests.class.getName() + ".bodySha256";
    private static final String NO_BODY_SHA256 = CanonicalRequest.bodySha256(new byte[0]);

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getHeaders().containsKey(Signatures.HEADER)) {
            byte[] body = context.getInputStream().readAllBytes();
            context.setProperty(BODY_SHA256, CanonicalRequest.bodySha256(body));
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }

    /**
     * The request's signatures over its change of group {@code groupId}.
     *
     * @throws BadRequestException when the header is not a list of Babble's keys and signatures
     */
    static SignedRequest of(ContainerRequestContext request, String groupId) {
        String header = request.getHeaderString(Signatures.HEADER);
        if (header == null) {
            return SignedRequest.UNSIGNED;
        }
        Signatures signatures;
        try {
            signatures = Signatures.parse(header);
        } catch (SignatureFormatException e) {
            throw new BadRequestException(e.getMessage());
        }
        Object bodySha256 = request.getProperty(BODY_SHA256);
        return new SignedRequest(request.getMethod(), groupId,
                bodySha256 == null ? NO_BODY_SHA256 : (String) bodySha256, signatures);
    }
}
