package io.disco.api.audit;

import io.disco.api.group.GroupEvents;
import io.disco.api.store.StoredGroup;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line at INFO on logger {@code disco.audit} for each change to a group: what changed, the
 * group's ID and AppID, and the client's address as {@code --trusted-proxy} reads it; fields of
 * their own in {@code --log-format json}, {@code key=value} after the message in text.
 */
public final class GroupAuditLog implements GroupEvents {

    static final String LOGGER = "disco.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void created(StoredGroup group, InetAddress client) {
        line("Group created", group, client);
    }

    @Override
    public void updated(StoredGroup group, InetAddress client) {
        line("Group updated", group, client);
    }

    @Override
    public void deleted(StoredGroup group, InetAddress client) {
        line("Group deleted", group, client);
    }

    @Override
    public void expired(StoredGroup group) {
        if (LOG.isInfoEnabled()) {
            LOG.atInfo().setMessage("Group expired")
                    .addKeyValue("group_id", group.id())
                    .addKeyValue("app_id", group.appId())
                    .log();
        }
    }

    private static void line(String what, StoredGroup group, InetAddress client) {
        if (LOG.isInfoEnabled()) {
            LOG.atInfo().setMessage(what)
                    .addKeyValue("group_id", group.id())
                    .addKeyValue("app_id", group.appId())
                    .addKeyValue("remote_address", client == null ? "unknown" : client.getHostAddress())
                    .log();
        }
    }
}
