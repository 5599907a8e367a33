package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.disco.signal.auth.AuthMethod;

/**
 * Who a session is, as authenticating it found: what WELCOME and the session meta API say of it,
 * and what caller and publisher disclosure and subscriber black- and whitelisting go by.
 *
 * @param authid       the session's identity
 * @param authrole     the role its permissions would hang on
 * @param authmethod   how it was authenticated
 * @param authprovider who authenticated it
 */
public record Authentication(String authid, String authrole, String authmethod, String authprovider) {

    /** The role of every session in an application's realm: each holds the app's key, none more. */
    static final String APP_ROLE = "app";
    /** Who checks app keys: this server, against its registry of applications. */
    static final String APP_PROVIDER = "disco";

    /**
     * Anonymous, how the anonymous realm is joined: under the authid the client asked for, or
     * else one made of its session id.
     */
    static Authentication anonymous(String requestedAuthid, long session) {
        String authid = requestedAuthid == null ? "anonymous-" + session : requestedAuthid;
        return new Authentication(authid, "anonymous", "anonymous", "static");
    }

    /**
     * A client that proved it holds its application's key by {@code method}. The key says which
     * app, not which peer: the authid is the client's word, or else one made of its session id.
     */
    static Authentication app(String requestedAuthid, long session, AuthMethod method) {
        String authid = requestedAuthid == null ? "app-" + session : requestedAuthid;
        return new Authentication(authid, APP_ROLE, method.wireName, APP_PROVIDER);
    }

    /** Adds the four, in this order, to a WELCOME's or the meta API's details. */
    void describe(ObjectNode details) {
        details.put("authid", authid);
        details.put("authrole", authrole);
        details.put("authmethod", authmethod);
        details.put("authprovider", authprovider);
    }
}
