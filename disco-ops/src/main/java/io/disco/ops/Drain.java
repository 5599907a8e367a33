package io.disco.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this process is being taken out of its fleet. Once begun a drain is not undone: the
 * process is then stopped, and a new one takes its place.
 */
public final class Drain {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final List<Drainable> services;
    private final AtomicBoolean begun = new AtomicBoolean();

    /** @param services what is drained: a list the process fills while it is assembled, before any drain */
    public Drain(List<Drainable> services) {
        this.services = services;
    }

    /** Turns new work away on every service; @return false when a drain had begun already */
    public boolean begin() {
        if (!begun.compareAndSet(false, true)) {
            return false;
        }
        LOG.info("Draining: new work is turned away, work in progress runs on ({})", remaining());
        for (Drainable service : services) {
            service.drain();
        }
        return true;
    }

    public boolean begun() {
        return begun.get();
    }

    /** Begun, and nothing left running. */
    public boolean done() {
        return begun.get() && services.stream().allMatch(service -> service.remaining() == 0);
    }

    public DrainState state() {
        return new DrainState(begun(), done(), remaining());
    }

    /** What each service still holds, by what it holds. */
    public Map<String, Long> remaining() {
        Map<String, Long> remaining = new LinkedHashMap<>();
        for (Drainable service : services) {
            remaining.merge(service.holds(), service.remaining(), Long::sum);
        }
        return remaining;
    }
}
