package io.disco.api.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.disco.api.quorum.SignedRequest;
import io.disco.api.store.InMemoryGroupStore;
import io.disco.common.model.Group;
import io.disco.common.model.Peer;
import io.disco.common.signing.CanonicalRequest;
import io.disco.common.signing.Quorum;
import io.disco.common.signing.Signatures;
import io.disco.common.signing.SigningKey;
import io.disco.common.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ProtectedGroupsTest {

    private static final SigningKey ANNA = SigningKey.generate(new SecureRandom());
    private static final SigningKey BORIS = SigningKey.generate(new SecureRandom());

    private final MutableClock clock = MutableClock.at("2026-03-09T17:05:05Z");
    private final GroupRegistry registry = new GroupRegistry(new InMemoryGroupStore(),
            new GroupRules(GroupLimits.defaults()), GroupQuota.defaults(),
            new TtlPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(1)), clock);

    private static Group group(String name) {
        List<Peer> peers = List.of(new Peer("a", ANNA.publicKey().toString(), "anna"),
                new Peer("b", BORIS.publicKey().toString(), "boris"));
        return new Group("g", name, "app", "", 0, peers, peers, null, Quorum.TWO_THIRDS);
    }

    /** What the rest layer makes of a PATCH of {@code group} signed by both members at {@code lastUpdated}. */
    private static SignedRequest patch(Group group, long lastUpdated) {
        byte[] body = group.name().getBytes();
        CanonicalRequest request = CanonicalRequest.of("PATCH", "g", body, lastUpdated);
        return new SignedRequest("PATCH", "g", request.bodySha256(), Signatures.sign(request, List.of(ANNA, BORIS)));
    }

    @Test
    void ofRacingUpdatesSignedAgainstOneLastUpdatedExactlyOnePasses() throws Exception {
        registry.createOrReplace(group("first"));
        long lastUpdated = registry.get("g").group().lastUpdated();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Group next = group("racer-" + i);
            SignedRequest signed = patch(next, lastUpdated);
            results.add(threads.submit(() -> {
                start.await();
                return registry.update("g", next, signed);
            }));
        }
        start.countDown();
        int passed = 0;
        for (Future<String> result : results) {
            try {
                result.get();
                passed++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertInstanceOf(QuorumNotMetException.class, e.getCause());
            }
        }
        threads.shutdown();

        assertEquals(1, passed);
        assertEquals(lastUpdated + 1, registry.get("g").group().lastUpdated());
    }
}
