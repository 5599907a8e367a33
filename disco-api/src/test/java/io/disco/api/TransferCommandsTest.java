package io.disco.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.api.store.GroupStore;
import io.disco.api.store.StoreConfig;
import io.disco.api.store.StoredGroup;
import io.disco.api.store.sqlite.StoreSync;
import io.disco.common.cli.CommandRunner;
import io.disco.common.model.Group;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disco-api.jar export} and {@code import} between two SQLite files, as an operator runs them. */
class TransferCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(InputStream in, ByteArrayOutputStream out, String... args) {
        PrintStream stdout = System.out;
        InputStream stdin = System.in;
        try {
            System.setOut(new PrintStream(out, true));
            System.setIn(in);
            return CommandRunner.run(new ApiMain(), args, Map.of(), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true));
        } finally {
            System.setOut(stdout);
            System.setIn(stdin);
        }
    }

    private GroupStore open(String file) {
        return new StoreConfig.Sqlite(dir.resolve(file), StoreSync.NORMAL).open(Clock.systemUTC());
    }

    @Test
    void exportThenImportCarriesTheGroupsToAnotherFile() {
        Instant now = Instant.now();
        long lastUpdated = now.getEpochSecond();
        try (GroupStore store = open("from.db")) {
            for (String id : List.of("a", "b")) {
                Group group = new Group(id, "über " + id, "chat", "", lastUpdated, List.of(), List.of(), 600L);
                store.upsert(id, old -> StoredGroup.of(group, Instant.ofEpochSecond(lastUpdated).plusSeconds(600)));
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        assertEquals(0, run(InputStream.nullInputStream(), file, "export", "--store", "sqlite:" + dir.resolve("from.db")),
                err.toString());
        assertEquals(0, run(new ByteArrayInputStream(file.toByteArray()), new ByteArrayOutputStream(), "import",
                "--store", "sqlite:" + dir.resolve("into.db")), err.toString());
        assertTrue(err.toString().contains("exported 2 groups"), err.toString());
        assertTrue(err.toString().contains("imported 2 groups; 0 already there were kept, 0 expired were left out"),
                err.toString());

        try (GroupStore from = open("from.db"); GroupStore into = open("into.db")) {
            assertEquals(from.get("a").orElseThrow().group(), into.get("a").orElseThrow().group());
            assertEquals("über b", into.get("b").orElseThrow().group().name());
            assertEquals(Instant.ofEpochSecond(lastUpdated).plus(Duration.ofSeconds(600)),
                    into.get("b").orElseThrow().expiresAt());
        }
    }

    @Test
    void aMemoryStoreOrABadFileStopsWithOneLine() {
        assertEquals(2, run(InputStream.nullInputStream(), new ByteArrayOutputStream(), "export", "--store", "memory"));
        assertEquals("disco-api: --store memory keeps groups only inside a running server; name a sqlite: file or "
                + "a Redis (see --help)" + System.lineSeparator(), err.toString());

        err.getBuffer().setLength(0);
        assertEquals(1, run(new ByteArrayInputStream("{\"a\":{\"Name\":\"x\"}}".getBytes()),
                new ByteArrayOutputStream(), "import", "--store", "sqlite:" + dir.resolve("into.db")));
        assertEquals("disco-api import: nothing imported: group a: AppID is required" + System.lineSeparator(),
                err.toString());
        try (GroupStore into = open("into.db")) {
            assertEquals(0, into.size());
        }
    }

    @Test
    void aLastUpdatedOutOfRangeStopsWithOneLineAndImportsNothing() {
        String file = "{\"a\":{\"AppID\":\"chat\",\"LastUpdated\":" + Instant.now().getEpochSecond() + "},"
                + "\"b\":{\"AppID\":\"chat\",\"LastUpdated\":-9223372036854775808}}";
        assertEquals(1, run(new ByteArrayInputStream(file.getBytes()), new ByteArrayOutputStream(), "import",
                "--store", "sqlite:" + dir.resolve("into.db")));
        assertEquals("disco-api import: nothing imported: group b: LastUpdated -9223372036854775808 is not a time "
                + "a group can have been written" + System.lineSeparator(), err.toString());
        try (GroupStore into = open("into.db")) {
            assertEquals(0, into.size());
        }
    }
}
