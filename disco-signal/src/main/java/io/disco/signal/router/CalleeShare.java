package io.disco.signal.router;

/**
 * One router's part of a shared registration: how many of its callees it has, and where its
 * first and last callee stand in the cluster's order of registration, so that every router can
 * choose among all the callees of the cluster under the registration's invoke policy.
 */
public record CalleeShare(int callees, long first, long last) {
}
