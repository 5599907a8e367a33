package io.disco.signal.wamp;

/** The error and close reasons this router uses, as the WAMP spec names them. */
public final class WampErrors {

    public static final String NO_SUCH_REALM = "wamp.error.no_such_realm";
    public static final String NO_SUCH_ROLE = "wamp.error.no_such_role";
    public static final String NO_AUTH_METHOD = "wamp.error.no_auth_method";
    public static final String AUTHENTICATION_FAILED = "wamp.error.authentication_failed";
    /** Whether the client may join could not be decided: the check itself failed (the store is out of reach). */
    public static final String AUTHORIZATION_FAILED = "wamp.error.authorization_failed";
    public static final String PROTOCOL_VIOLATION = "wamp.error.protocol_violation";
    public static final String INVALID_URI = "wamp.error.invalid_uri";
    public static final String INVALID_ARGUMENT = "wamp.error.invalid_argument";
    public static final String NO_SUCH_PROCEDURE = "wamp.error.no_such_procedure";
    public static final String PROCEDURE_ALREADY_EXISTS = "wamp.error.procedure_already_exists";
    public static final String NO_SUCH_REGISTRATION = "wamp.error.no_such_registration";
    public static final String NO_SUCH_SUBSCRIPTION = "wamp.error.no_such_subscription";
    public static final String NO_SUCH_SESSION = "wamp.error.no_such_session";
    public static final String CANCELED = "wamp.error.canceled";
    public static final String TIMEOUT = "wamp.error.timeout";
    /** The router that holds the callee cannot be reached. */
    public static final String NETWORK_FAILURE = "wamp.error.network_failure";
    /** Not in the spec: a per-session cap (registrations, subscriptions, pending calls) is reached. */
    public static final String LIMIT_REACHED = "disco.error.limit_reached";

    public static final String CLOSE_NORMAL = "wamp.close.normal";
    public static final String GOODBYE_AND_OUT = "wamp.close.goodbye_and_out";
    public static final String SYSTEM_SHUTDOWN = "wamp.close.system_shutdown";
    public static final String CLOSE_REALM = "wamp.close.close_realm";

    private WampErrors() {
    }
}
