package io.disco.api.group;

/**
 * How large a group may be. The defaults leave room for any real Babble group (public keys are
 * 132 characters, groups a few dozen peers) while keeping one client from filling the heap.
 */
public record GroupLimits(int maxPeers, int maxIdLength, int maxTextLength, int maxKeyLength) {

    public static final int DEFAULT_MAX_PEERS = 1000;

    public static GroupLimits withMaxPeers(int maxPeers) {
        return new GroupLimits(maxPeers, 128, 256, 4096);
    }

    public static GroupLimits defaults() {
        return withMaxPeers(DEFAULT_MAX_PEERS);
    }
}
