package io.disco.api.store.sqlite;

import io.disco.api.store.StoreOpenException;
import io.disco.api.store.StoredGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The groups' SQLite file, as one connection sees it: a table of each group's JSON (which holds
 * its {@code LastUpdated} and granted {@code TTL}) and the instant it expires, to the nanosecond.
 * Not thread-safe: one thread writes through it.
 */
final class GroupDatabase implements AutoCloseable {

    /**
     * {@code PRAGMA user_version} of the layout below; a file with a greater one is not ours to
     * write. 1 had the groups only; 2 added the registered applications.
     */
    static final int SCHEMA_VERSION = 2;

    /** How long a statement waits for another connection's lock on the file (an import, say). */
    static final int BUSY_TIMEOUT_MILLIS = 5000;

    /** SQLite's page cache, enough for the ID index of the most groups a server keeps by default. */
    private static final int CACHE_KIB = 32 * 1024;

    /**
     * WAL pages after which a commit copies them into the file, with two fsyncs, on the writer
     * thread: 32 MiB rather than SQLite's 4 MiB, so that a group rewritten many times in between
     * is copied once, and the writes wait on the disk less often.
     */
    private static final int CHECKPOINT_PAGES = 8000;

    private static final String SCHEMA = """
            CREATE TABLE groups (
                id TEXT PRIMARY KEY NOT NULL,
                json BLOB NOT NULL,
                expires_second INTEGER NOT NULL,
                expires_nano INTEGER NOT NULL
            )""";

    /** Read and written by {@link SqliteAppStore}, through a connection of its own. */
    private static final String APPS = """
            CREATE TABLE apps (
                id TEXT PRIMARY KEY NOT NULL,
                json BLOB NOT NULL
            )""";

    private final Path file;
    private final Connection connection;
    // Prepared on first use and again after a failed transaction: the driver finalizes a
    // statement whose execution failed (a full disk, say), and it cannot run again. Even BEGIN
    // and COMMIT are kept prepared: parsing them anew costs more than running them.
    private PreparedStatement insert;
    private PreparedStatement update;
    private PreparedStatement delete;
    private PreparedStatement begin;
    private PreparedStatement commit;

    private GroupDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens {@code file}, creating it and its directory when there is none, and checks that it is
     * an intact group database of a version this code reads.
     *
     * @throws StoreOpenException naming the file when it is none of those
     */
    static GroupDatabase open(Path file, StoreSync sync) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw refused(file, "cannot create its directory " + parent + " (" + e + ")", e);
        }
        if (Files.isDirectory(file)) {
            throw refused(file, "is a directory", null);
        }
        Connection connection = null;
        try {
            // The wait for another connection's lock is set as the connection opens, before the
            // first statement: the check and the migration below take locks too.
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            // Nothing reads the rowids of inserts, which the driver otherwise asks SQLite for after each.
            config.setGetGeneratedKeys(false);
            // Pages kept between transactions: the ID index's, which each write looks up and
            // changes at a random place, stay here instead of being read back from the file.
            config.setCacheSize(-CACHE_KIB);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            checkAndMigrate(file, connection);
            try (Statement statement = connection.createStatement()) {
                String mode = scalar(statement, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw refused(file, "cannot use write-ahead logging (journal mode stays " + mode + ")", null);
                }
                statement.execute("PRAGMA synchronous = " + sync.name());
                statement.execute("PRAGMA wal_autocheckpoint = " + CHECKPOINT_PAGES);
            }
            // Transactions are begun and ended here in SQL, not by the driver: after SQLite rolls
            // a transaction back by itself (a full disk), the driver's own bookkeeping goes wrong.
            return new GroupDatabase(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw refused(file, describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void checkAndMigrate(Path file, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // The first read of the header: a file that is not SQLite fails here.
            int version = Integer.parseInt(scalar(statement, "PRAGMA user_version"));
            if (version > SCHEMA_VERSION) {
                throw refused(file, "was written by a newer disco (schema version " + version
                        + "; this one reads up to " + SCHEMA_VERSION + ")", null);
            }
            String check = scalar(statement, "PRAGMA quick_check");
            if (!"ok".equals(check)) {
                // One line for the operator: SQLite lists the damage over several.
                String damage = check.replace("*** in database main ***", "").strip().replaceAll("\\s*\n\\s*", "; ");
                throw refused(file, "is corrupt (" + damage + ")", null);
            }
            if (version == SCHEMA_VERSION) {
                return;
            }
            if (version == 0 && !"0".equals(scalar(statement, "SELECT count(*) FROM sqlite_master"))) {
                throw refused(file, "is an SQLite database but not one of disco's groups (it has tables and no "
                        + "schema version)", null);
            }
            statement.execute("BEGIN IMMEDIATE");
            if (version == 0) {
                statement.execute(SCHEMA);
            }
            statement.execute(APPS);
            statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            statement.execute("COMMIT");
        }
    }

    /**
     * Every stored group live after {@code now}; those that expired while no server ran are
     * deleted, and that deletion committed, first.
     */
    Map<String, StoredGroup> load(Instant now) throws SQLException {
        Map<String, StoredGroup> live = new LinkedHashMap<>();
        List<String> expired = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, json, expires_second, expires_nano FROM groups")) {
            while (rows.next()) {
                String id = rows.getString(1);
                StoredGroup group = parse(id, rows.getBytes(2), Instant.ofEpochSecond(rows.getLong(3), rows.getLong(4)));
                if (group.isLiveAt(now)) {
                    live.put(id, group);
                } else {
                    expired.add(id);
                }
            }
        }
        if (!expired.isEmpty()) {
            begin();
            for (String id : expired) {
                delete(id);
            }
            commit();
        }
        return live;
    }

    /**
     * The group a row holds, serving the row's JSON as it is: {@link #put} wrote it as
     * {@link StoredGroup#json()} renders the group, so rendering it again would give the same bytes.
     */
    private static StoredGroup parse(String id, byte[] json, Instant expiresAt) throws SQLException {
        StoredGroup group = StoredGroup.fromJson(id, json, expiresAt);
        String holds;
        try {
            // Parsed now, not when first needed, so that a bad row stops start-up rather than a request.
            holds = group.group().id();
        } catch (IllegalStateException e) {
            throw new SQLException("row " + id + " is not a group's JSON: " + e.getCause().getMessage(), e);
        }
        if (!id.equals(holds)) {
            throw new SQLException("row " + id + " holds group " + holds);
        }
        return group;
    }

    /**
     * Writes {@code group} over its row, or as a new row. A group stored before is updated in
     * place: a replacing insert would delete the row and append it anew under another rowid,
     * changing the ID index and two table pages instead of one page.
     *
     * @param stored whether the file holds a row of this group
     */
    void put(StoredGroup group, boolean stored) throws SQLException {
        if (stored) {
            update = prepared(update, "UPDATE groups SET json = ?, expires_second = ?, expires_nano = ? WHERE id = ?");
            update.setBytes(1, group.json());
            update.setLong(2, group.expiresAt().getEpochSecond());
            update.setInt(3, group.expiresAt().getNano());
            update.setString(4, group.id());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        insert = prepared(insert, "INSERT OR REPLACE INTO groups (id, json, expires_second, expires_nano) VALUES (?, ?, ?, ?)");
        insert.setString(1, group.id());
        insert.setBytes(2, group.json());
        insert.setLong(3, group.expiresAt().getEpochSecond());
        insert.setInt(4, group.expiresAt().getNano());
        insert.executeUpdate();
    }

    void delete(String id) throws SQLException {
        delete = prepared(delete, "DELETE FROM groups WHERE id = ?");
        delete.setString(1, id);
        delete.executeUpdate();
    }

    /** Takes the write lock: the writes up to {@link #commit()} are one transaction. */
    void begin() throws SQLException {
        begin = prepared(begin, "BEGIN IMMEDIATE");
        begin.execute();
    }

    void commit() throws SQLException {
        commit = prepared(commit, "COMMIT");
        commit.execute();
    }

    private PreparedStatement prepared(PreparedStatement statement, String sql) throws SQLException {
        return statement != null ? statement : connection.prepareStatement(sql);
    }

    /** Undoes what this transaction wrote, if SQLite has not already. */
    void rollback() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite has already rolled back a transaction whose commit failed; nothing is left to undo.
        }
        insert = closed(insert);
        update = closed(update);
        delete = closed(delete);
        begin = closed(begin);
        commit = closed(commit);
    }

    private static PreparedStatement closed(PreparedStatement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                // Already finalized by the driver after its failure.
            }
        }
        return null;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    /** What went wrong with the disk, in words for an operator (and a client's 503). */
    static String describe(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String name = code.name();
            if (name.startsWith("SQLITE_FULL")) {
                return "the disk is full";
            }
            if (name.startsWith("SQLITE_READONLY")) {
                return "the database is read-only";
            }
            if (name.startsWith("SQLITE_NOTADB")) {
                return "is not an SQLite database";
            }
            if (name.startsWith("SQLITE_CORRUPT")) {
                return "is corrupt";
            }
            if (name.startsWith("SQLITE_CANTOPEN")) {
                return "cannot be opened";
            }
            if (name.startsWith("SQLITE_IOERR")) {
                return "I/O error (" + name + ")";
            }
            return code.message;
        }
        return e.getMessage();
    }

    private static StoreOpenException refused(Path file, String why, Throwable cause) {
        return new StoreOpenException("group store " + file + ": " + why, cause);
    }

    private static String scalar(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing after a failure; the first failure is the one reported.
            }
        }
    }
}
