package io.disco.api.rest;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsweredGroupTest {

    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    private static StoredGroup stored(String id, String name) {
        return StoredGroup.of(new Group(id, name, "chat", "", 0, List.of(), List.of(), null), LATER);
    }

    @Test
    void theWriterOfAnAnswerFindsItsStoredGroupOnce() {
        StoredGroup stored = stored("1", "office");
        Group answer = AnsweredGroup.answer(stored);
        assertSame(stored, AnsweredGroup.take(answer));
        assertNull(AnsweredGroup.take(answer));
    }

    @Test
    void anEqualGroupIsAnsweredWithTheStoredJson() {
        StoredGroup stored = stored("1", "office");
        AnsweredGroup.answer(stored);
        assertSame(stored, AnsweredGroup.take(stored("1", "office").group()));
    }

    @Test
    void anyOtherGroupIsWrittenAfresh() {
        AnsweredGroup.answer(stored("1", "office"));
        assertNull(AnsweredGroup.take(stored("1", "renamed").group()));
        AnsweredGroup.answer(stored("1", "office"));
        assertNull(AnsweredGroup.take(stored("2", "office").group()));
    }
}
