package io.disco.api.store.sqlite;

import java.util.Locale;

/**
 * How far SQLite makes sure a commit reached the disk before the write is acknowledged
 * ({@code --store-sync}). In WAL mode both keep the database consistent; they differ in what a
 * commit survives.
 */
public enum StoreSync {

    /** {@code synchronous=NORMAL}: survives the process being killed, not the machine losing power. */
    NORMAL,

    /** {@code synchronous=FULL}: the WAL is flushed to the disk on every commit; survives power loss too. */
    FULL;

    /** @throws IllegalArgumentException naming the flag when {@code value} is neither */
    public static StoreSync parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "normal" -> NORMAL;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("'" + value + "' is neither normal nor full");
        };
    }
}
