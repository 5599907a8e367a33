package io.disco.api.store.sqlite;

import io.disco.api.store.AppStore;
import io.disco.api.store.GroupStore;
import io.disco.api.store.InMemoryAppStore;
import io.disco.api.store.StoreOpenException;
import io.disco.api.store.StoreUnavailableException;
import io.disco.common.apps.App;
import io.disco.common.apps.AppId;
import io.disco.common.apps.StoredApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.sqlite.SQLiteConfig;

/**
 * Registered applications in the SQLite file of the groups, table {@code apps}, served from
 * memory. Applications change seldom (an administrator's call), so a change is written through
 * a connection of its own, one statement committed before the call returns, without the group
 * writer's batching; the file's lock orders it with the group writer's commits.
 *
 * <p>Deleting an application commits its row's deletion, then deletes its groups through the
 * group store one by one (while other changes of applications wait): a crash in between leaves groups of no application, which no key can
 * reach and whose TTL ends them.
 */
public final class SqliteAppStore implements AppStore {

    private final Path file;
    private final Connection connection;
    // What the file holds, served from memory; it deletes an app's groups and tells the listeners.
    private final InMemoryAppStore view;

    private SqliteAppStore(Path file, Connection connection, GroupStore groups) {
        this.file = file;
        this.connection = connection;
        this.view = new InMemoryAppStore(groups);
    }

    /**
     * The applications of {@code file}, which {@link SqliteGroupStore#open} opened as
     * {@code groups} (and brought to the schema that has them).
     *
     * @throws StoreOpenException naming the file when it cannot be read
     */
    public static SqliteAppStore open(Path file, GroupStore groups) {
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(GroupDatabase.BUSY_TIMEOUT_MILLIS);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            SqliteAppStore store = new SqliteAppStore(file, connection, groups);
            try (PreparedStatement select = connection.prepareStatement("SELECT json FROM apps");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    store.view.add(StoredApp.parse(rows.getBytes(1)));
                }
            }
            return store;
        } catch (SQLException | IllegalArgumentException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // The first failure is the one reported.
                }
            }
            String why = e instanceof SQLException sql ? GroupDatabase.describe(sql) : e.getMessage();
            throw new StoreOpenException("group store " + file + ": cannot load its applications: " + why, e);
        }
    }

    @Override
    public Optional<App> find(AppId id) {
        return view.find(id);
    }

    @Override
    public List<App> all() {
        return view.all();
    }

    /** Changes are written one at a time, the file first, so that memory never shows one the file lacks. */
    @Override
    public synchronized boolean add(App app) {
        if (view.find(app.id()).isPresent()) {
            return false;
        }
        write("INSERT INTO apps (id, json) VALUES (?, ?)", app.id(), StoredApp.json(app));
        return view.add(app);
    }

    @Override
    public synchronized Optional<App> update(AppId id, UnaryOperator<App> change) {
        Optional<App> next = view.find(id).map(change);
        next.ifPresent(app -> write("UPDATE apps SET json = ? WHERE id = ?", StoredApp.json(app), id));
        return next.flatMap(app -> view.update(id, old -> app));
    }

    @Override
    public synchronized boolean delete(AppId id) {
        if (view.find(id).isEmpty()) {
            return false;
        }
        write("DELETE FROM apps WHERE id = ?", id);
        return view.delete(id);
    }

    @Override
    public void onDeleted(Consumer<AppId> listener) {
        view.onDeleted(listener);
    }

    @Override
    public synchronized void close() {
        // The view refuses every call from now on; closing the connection again changes nothing.
        view.close();
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is left to write: every change was committed as it was made.
        }
    }

    private void write(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value instanceof byte[] bytes) {
                    statement.setBytes(i + 1, bytes);
                } else {
                    statement.setString(i + 1, value.toString());
                }
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("application store " + file + ": " + GroupDatabase.describe(e), e);
        }
    }
}
