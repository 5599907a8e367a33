package io.disco.api.group;

/**
 * A create, or a move from another application, would take one application past
 * {@code --max-groups-per-app}.
 */
public final class AppFullException extends GroupException {

    public AppFullException(String appId, int maxGroupsPerApp) {
        super("application " + appId + " has " + maxGroupsPerApp + " groups, its most");
    }
}
