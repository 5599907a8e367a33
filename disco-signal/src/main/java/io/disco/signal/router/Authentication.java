package io.disco.signal.router;

import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /**
     * Anonymous, the one method this router offers: under the authid the client asked for, or
     * else one made of its session id.
     */
    static Authentication anonymous(String requestedAuthid, long session) {
        String authid = requestedAuthid == null ? "anonymous-" + session : requestedAuthid;
        return new Authentication(authid, "anonymous", "anonymous", "static");
    }

    /** Adds the four, in this order, to a WELCOME's or the meta API's details. */
    void describe(ObjectNode details) {
        details.put("authid", authid);
        details.put("authrole", authrole);
        details.put("authmethod", authmethod);
        details.put("authprovider", authprovider);
    }
}
