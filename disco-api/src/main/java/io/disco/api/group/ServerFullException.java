package io.disco.api.group;

/** A create would take the server past {@code --max-groups}; updates of kept groups still work. */
public final class ServerFullException extends GroupException {

    public ServerFullException(int maxGroups) {
        super("the server keeps " + maxGroups + " groups, its most; try again when some have expired");
    }
}
