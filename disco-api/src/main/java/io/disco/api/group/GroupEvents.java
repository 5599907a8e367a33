package io.disco.api.group;

import io.disco.api.store.StoredGroup;
import java.net.InetAddress;
import java.util.List;

/**
 * What is told of each change to a group once the store has made it: for the operators' audit
 * lines and counters. Runs where the change completed (a request's thread, or the store's writer,
 * before its next commit), so it must be brief.
 *
 * <p>{@code client} is who asked, as {@code --trusted-proxy} reads a request's address; null
 * when no request did (an import) or its peer is no IP address.
 */
public interface GroupEvents {

    GroupEvents NONE = new GroupEvents() {
    };

    default void created(StoredGroup group, InetAddress client) {
    }

    default void updated(StoredGroup group, InetAddress client) {
    }

    default void deleted(StoredGroup group, InetAddress client) {
    }

    /** Deleted by the expiry sweeper, its TTL past. */
    default void expired(StoredGroup group) {
    }

    /** Each of {@code listeners}, in order. */
    static GroupEvents all(GroupEvents... listeners) {
        List<GroupEvents> each = List.of(listeners);
        return new GroupEvents() {
            @Override
            public void created(StoredGroup group, InetAddress client) {
                each.forEach(listener -> listener.created(group, client));
            }

            @Override
            public void updated(StoredGroup group, InetAddress client) {
                each.forEach(listener -> listener.updated(group, client));
            }

            @Override
            public void deleted(StoredGroup group, InetAddress client) {
                each.forEach(listener -> listener.deleted(group, client));
            }

            @Override
            public void expired(StoredGroup group) {
                each.forEach(listener -> listener.expired(group));
            }
        };
    }
}
