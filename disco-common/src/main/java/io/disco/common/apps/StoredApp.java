package io.disco.common.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.disco.common.json.DiscoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A registered application as the persistent stores keep it: one JSON document, its key hashes
 * (salt, iterations, derived key in base64, end of grace) and never a key. The discovery API
 * writes it; a router or TURN server on a host of its own reads the same document from the shared
 * Redis.
 */
public final class StoredApp {

    private record Document(@JsonProperty("AppID") String id, @JsonProperty("Name") String name,
                            @JsonProperty("Created") String created, @JsonProperty("Keys") List<Key> keys) {
    }

    private record Key(@JsonProperty("Salt") String salt, @JsonProperty("Iterations") int iterations,
                       @JsonProperty("Derived") String derived,
                       @JsonProperty("NotAfter") @JsonInclude(JsonInclude.Include.NON_NULL) String notAfter) {
    }

    private StoredApp() {
    }

    public static byte[] json(App app) {
        List<Key> keys = app.keys().stream().map(key -> new Key(key.salt(), key.iterations(),
                Base64.getEncoder().encodeToString(key.derived()), key.notAfter().map(Instant::toString).orElse(null)))
                .toList();
        try {
            return DiscoJson.mapper().writeValueAsBytes(new Document(app.id().value(), app.name(),
                    app.created().toString(), keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not what {@link #json} wrote */
    public static App parse(byte[] json) {
        try {
            Document document = DiscoJson.mapper().readValue(json, Document.class);
            List<KeyHash> keys = document.keys().stream().map(key -> new KeyHash(key.salt(), key.iterations(),
                    Base64.getDecoder().decode(key.derived()), Optional.ofNullable(key.notAfter()).map(Instant::parse)))
                    .toList();
            return new App(new AppId(document.id()), document.name(), Instant.parse(document.created()), keys);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("a stored application that does not read: " + e.getMessage(), e);
        }
    }
}
