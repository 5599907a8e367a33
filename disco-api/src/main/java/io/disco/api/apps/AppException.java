package io.disco.api.apps;

/** A request of the admin API that is refused, for a reason the administrator can act on. */
public abstract sealed class AppException extends RuntimeException
        permits AppException.Invalid, AppException.Unknown, AppException.Exists {

    AppException(String message) {
        super(message, null, false, false);
    }

    /** A registration whose AppID or Name does not do. */
    public static final class Invalid extends AppException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** No application has the ID a request names. */
    public static final class Unknown extends AppException {
        Unknown(String id) {
            super("application " + id + " not found");
        }
    }

    /** An application with the ID to register is registered already. */
    public static final class Exists extends AppException {
        Exists(String id) {
            super("application " + id + " is registered already");
        }
    }
}
