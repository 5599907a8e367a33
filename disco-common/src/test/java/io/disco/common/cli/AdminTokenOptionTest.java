package io.disco.common.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.admin.AdminToken;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class AdminTokenOptionTest {

    @Command
    static final class Flags {
        @Mixin
        AdminTokenOption admin;
    }

    @Test
    void theFileIsReadOnceSoEveryUserOfTheTokenChecksTheSameOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("admin-token"), "first-token\n");
        Flags flags = new Flags();
        new CommandLine(flags).parseArgs("--admin-token-file", file.toString());

        AdminToken adminApi = flags.admin.token().orElseThrow();
        Files.writeString(file, "second-token\n");
        AdminToken drain = flags.admin.token().orElseThrow();

        assertTrue(adminApi.matches("first-token"));
        assertTrue(drain.matches("first-token"));
        assertFalse(drain.matches("second-token"));
    }
}
