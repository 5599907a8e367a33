package io.disco.api.rest;

import io.disco.api.apps.AppKeys;
import io.disco.api.throttle.FailureBudget;
import io.disco.api.throttle.Refusal;
import io.disco.common.admin.AdminToken;
import io.disco.common.apps.AppId;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Who may call, ahead of Jersey: {@code /apps} only with {@code Authorization: Bearer <admin
 * token>}, and, in registered mode, everything else only with an application's key, {@code
 * Authorization: Bearer <AppID>:<key>}, which names the application Jersey then serves
 * ({@link CallingApp}). Without an admin token the admin API is left to Jersey, where it does
 * not exist (404). A missing or wrong credential is 401 with {@code WWW-Authenticate}; a client
 * address past its {@link FailureBudget} is 429 with {@code Retry-After}, its credential not
 * even checked. In open mode only {@code /apps} is looked at.
 */
public final class AppAuthentication extends Handler.Wrapper {

    private static final String ADMIN_PATH = "/apps";
    private static final String BEARER = "Bearer ";
    private static final int UNAUTHORIZED = 401;
    private static final int TOO_MANY_REQUESTS = 429;

    private final Optional<AdminToken> adminToken;
    private final Optional<AppKeys> appKeys;
    private final FailureBudget failures;

    /** @param appKeys the keys to check group requests against: present in registered mode only */
    public AppAuthentication(Optional<AdminToken> adminToken, Optional<AppKeys> appKeys, FailureBudget failures,
            Handler jersey) {
        super(jersey);
        this.adminToken = adminToken;
        this.appKeys = appKeys;
        this.failures = failures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path.equals(ADMIN_PATH) || path.startsWith(ADMIN_PATH + "/")) {
            if (adminToken.isEmpty()) {
                return super.handle(request, response, callback);
            }
            String token = bearer(request);
            if (refusedEarly(request, response, callback)) {
                return true;
            }
            if (token == null || !adminToken.get().matches(token)) {
                refuse(request, response, callback, "Bearer", "the admin API needs Authorization: Bearer "
                        + "and the server's admin token");
                return true;
            }
            return super.handle(request, response, callback);
        }
        if (appKeys.isEmpty()) {
            return super.handle(request, response, callback);
        }
        if (refusedEarly(request, response, callback)) {
            return true;
        }
        String credential = bearer(request);
        Optional<AppId> app = credential == null ? Optional.empty() : appKeys.get().check(credential);
        if (app.isEmpty()) {
            refuse(request, response, callback, "Bearer realm=\"disco\"", credential == null
                    ? "this server serves registered applications only: send Authorization: Bearer AppID:key"
                    : "the application key is wrong, or no longer works");
            return true;
        }
        request.setAttribute(CallingApp.ATTRIBUTE, app.get());
        return super.handle(request, response, callback);
    }

    /** The bearer token of the request, or {@code null} when it sends none. */
    private static String bearer(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private boolean refusedEarly(Request request, Response response, Callback callback) throws Exception {
        long retryAfter = failures.retryAfterSeconds(request);
        if (retryAfter == 0) {
            return false;
        }
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        Refusal.send(request, response, callback, TOO_MANY_REQUESTS,
                "too many wrong credentials from this address; try again in " + retryAfter + " s");
        return true;
    }

    private void refuse(Request request, Response response, Callback callback, String challenge, String message)
            throws Exception {
        failures.spend(request);
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
        Refusal.send(request, response, callback, UNAUTHORIZED, message);
    }
}
