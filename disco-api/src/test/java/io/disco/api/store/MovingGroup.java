package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.model.Group;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * One group that one thread moves round some apps and never deletes: its version {@code v},
 * kept in the group's name, lives in {@code appOf(v)}. The mover counts the versions it began
 * and finished writing, so a reader that reads {@link #done} before a listing and
 * {@link #begun} after it knows every version the listing may show: exactly those from one to
 * the other.
 */
public final class MovingGroup {

    private final String id;
    private final List<String> apps;
    private final AtomicLong begun = new AtomicLong();
    private final AtomicLong done = new AtomicLong();

    public MovingGroup(String id, List<String> apps) {
        this.id = id;
        this.apps = List.copyOf(apps);
    }

    public String id() {
        return id;
    }

    public String appOf(long version) {
        return apps.get((int) (version % apps.size()));
    }

    public String currentApp() {
        return appOf(done.get());
    }

    /** The group as version {@code v}. */
    public Group version(long v) {
        return new Group(id, Long.toString(v), appOf(v), "", 0, null, null, null);
    }

    /**
     * Writes versions 1 to {@code times} with {@code write}, which returns once the version is
     * stored. Between moves it pauses, so that readers also list while no move is under way,
     * when the group's app is certain.
     */
    public void move(int times, Consumer<Group> write, long pauseNanos) {
        for (int i = 0; i < times; i++) {
            long next = begun.incrementAndGet();
            write.accept(version(next));
            done.set(next);
            LockSupport.parkNanos(pauseNanos);
        }
    }

    public static long[] done(List<MovingGroup> groups) {
        return groups.stream().mapToLong(group -> group.done.get()).toArray();
    }

    public static long[] begun(List<MovingGroup> groups) {
        return groups.stream().mapToLong(group -> group.begun.get()).toArray();
    }

    /**
     * @param app   the app listed, or {@code null} for a listing of all
     * @param seen  the group as the listing showed it, or {@code null} if it did not
     * @param from  {@link #done} read before the listing began
     * @param to    {@link #begun} read after the listing returned
     */
    public void checkListed(String app, Group seen, long from, long to) {
        if (seen == null) {
            assertTrue(app != null, id + " is in no app of a listing of all apps");
            boolean elsewhere = LongStream.rangeClosed(from, to).anyMatch(v -> !appOf(v).equals(app));
            assertTrue(elsewhere, id + " missing from " + app + ", where version " + from + " was throughout");
            return;
        }
        long v = Long.parseLong(seen.name());
        assertTrue(from <= v && v <= to,
                id + " listed as version " + v + ", but only versions " + from + " to " + to + " were current");
        assertEquals(appOf(v), seen.appId(), id + " version " + v + " carries another app");
        assertTrue(app == null || app.equals(seen.appId()), id + " version " + v + " listed under " + app);
    }
}
