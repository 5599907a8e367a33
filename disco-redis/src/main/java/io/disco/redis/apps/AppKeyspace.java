package io.disco.redis.apps;

import io.disco.common.apps.AppId;
import io.disco.common.apps.StoredApp;

/**
 * The names of the registered applications in the shared Redis, under the prefix {@code P}: the
 * discovery API writes them, routers and TURN servers read them and listen.
 * <ul>
 *   <li>{@code P application:ID}, a string: the application as {@link StoredApp} writes it.</li>
 *   <li>{@code P applications}, the set of registered IDs.</li>
 *   <li>channel {@code P application-deleted}: each deletion, as an {@link AppNotice}.</li>
 *   <li>channel {@code P application-changed}: each application added or changed (a key issued),
 *       as an {@link AppNotice}, so that what a reader keeps of it is dropped and a new key works
 *       at once on every host. A replaced key carries the end of its grace, so its end needs no
 *       notice.</li>
 * </ul>
 * The groups' keys ({@code P group:ID}, {@code P app:APP}, ...) cannot meet these.
 */
public record AppKeyspace(String prefix) {

    /** The key of application {@code id}. */
    public String app(AppId id) {
        return appKeyPrefix() + id.value();
    }

    /** What every application's key starts with, for scripts that make the key of each ID they read. */
    public String appKeyPrefix() {
        return prefix + "application:";
    }

    /** The set of registered IDs. */
    public String registered() {
        return prefix + "applications";
    }

    public String deletions() {
        return prefix + "application-deleted";
    }

    public String changes() {
        return prefix + "application-changed";
    }
}
