package io.disco.common.cli;

import io.disco.common.admin.AdminToken;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --admin-token-file}, one flag for every jar: the discovery API's admin API and the
 * metrics listener's {@code POST /drain} take the same token.
 */
public final class AdminTokenOption {

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "File holding the admin token (its content, trimmed), for the discovery API's admin API"
                    + " (/apps) and the metrics listener's POST /drain; keep it mode 0600, or in systemd's credentials"
                    + " (default: none)")
    Path file;

    private Optional<AdminToken> token;

    /**
     * The token as a client presents it ({@code drain} sends it to a metrics listener).
     *
     * @throws IllegalArgumentException naming the flag when the file is missing, unreadable or empty
     */
    public Optional<String> secret() {
        return Optional.ofNullable(file).map(AdminToken::secretIn);
    }

    /**
     * The token, read from its file once: the admin API and {@code POST /drain} of one process
     * check the same one, even if the file changes between their start-ups.
     *
     * @throws IllegalArgumentException naming the flag when the file is missing, unreadable or empty
     */
    public Optional<AdminToken> token() {
        if (token == null) {
            token = Optional.ofNullable(file).map(AdminToken::read);
        }
        return token;
    }
}
