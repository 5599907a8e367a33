package io.disco.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredGroupTest {

    private static final Instant EXPIRY = Instant.parse("2026-03-09T17:10:05Z");

    @Test
    void aGroupReadBackIsServedAsStoredAndParsedOnlyWhenItsFieldsAreNeeded() {
        byte[] broken = "{\"ID\":\"g\",".getBytes(StandardCharsets.UTF_8);
        StoredGroup stored = StoredGroup.fromJson("g", broken, EXPIRY);
        assertSame(broken, stored.json());
        assertEquals("g", stored.id());
        assertEquals(EXPIRY, stored.expiresAt());
        IllegalStateException e = assertThrows(IllegalStateException.class, stored::group);
        assertEquals("stored group g is not a group's JSON", e.getMessage());
    }

    @Test
    void parsesWhatItWouldRender() {
        byte[] json = ("{\"ID\":\"g\",\"Name\":\"n\",\"AppID\":\"a\",\"PubKey\":\"\",\"LastUpdated\":7,"
                + "\"Peers\":[],\"GenesisPeers\":[]}").getBytes(StandardCharsets.UTF_8);
        StoredGroup stored = StoredGroup.fromJson("g", json, EXPIRY);
        assertEquals("a", stored.appId());
        assertEquals(7, stored.group().lastUpdated());
        assertEquals(new String(json, StandardCharsets.UTF_8),
                new String(StoredGroup.of(stored.group(), EXPIRY).json(), StandardCharsets.UTF_8));
    }
}
