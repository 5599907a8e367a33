package io.disco.redis.apps;

import io.disco.common.apps.AppId;
import java.util.Optional;

/**
 * What the channels of {@link AppKeyspace} carry: {@code NODE ID}, the node that wrote (so that
 * it can ignore its own notices) and the application.
 */
public record AppNotice(String node, AppId app) {

    public String text() {
        return node + " " + app.value();
    }

    /** Empty for a message that no disco wrote. */
    public static Optional<AppNotice> parse(String message) {
        int space = message.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AppNotice(message.substring(0, space), new AppId(message.substring(space + 1))));
        } catch (IllegalArgumentException foreign) {
            return Optional.empty();
        }
    }
}
