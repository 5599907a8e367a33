package io.disco.api.store;

import io.disco.common.apps.AppId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link AppStore#onDeleted} listeners of one store; one failing does not keep the others from hearing. */
public final class DeletionListeners {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionListeners.class);

    private final List<Consumer<AppId>> listeners = new CopyOnWriteArrayList<>();

    public void add(Consumer<AppId> listener) {
        listeners.add(listener);
    }

    public void deleted(AppId id) {
        for (Consumer<AppId> listener : listeners) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                LOG.warn("A listener of deleted applications failed for {}", id, e);
            }
        }
    }
}
