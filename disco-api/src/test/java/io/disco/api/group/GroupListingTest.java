package io.disco.api.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.disco.api.store.StoredGroup;
import io.disco.common.json.DiscoJson;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupListingTest {

    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void itsJsonIsExactlyWhatJacksonWritesForTheMap() throws JsonProcessingException {
        List<StoredGroup> stored = List.of(
                StoredGroup.of(new Group("a-1", "first \"quoted\" é", "app", "", 7, List.of(new Peer("h", "k", "m")),
                        List.of(), null), LATER),
                StoredGroup.of(new Group("b.2", "second", "app", "pk", 8, List.of(), List.of(), 60L), LATER));
        GroupListing listing = new GroupListing(stored);

        Map<String, Group> plain = new LinkedHashMap<>();
        stored.forEach(group -> plain.put(group.id(), group.group()));
        assertEquals(DiscoJson.mapper().writeValueAsString(plain),
                new String(listing.json(), StandardCharsets.UTF_8));
        assertEquals(plain, listing);
    }

    @Test
    void anEmptyListingIsAnEmptyObject() {
        assertEquals("{}", new String(new GroupListing(List.of()).json(), StandardCharsets.UTF_8));
    }
}
