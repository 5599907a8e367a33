package io.disco.api.group;

import io.disco.api.quorum.QuorumCheck;
import io.disco.api.quorum.QuorumFloor;
import io.disco.api.quorum.SignedRequest;
import io.disco.api.quorum.Tally;
import io.disco.api.quorum.Verifications;
import io.disco.api.store.GroupStore;
import io.disco.api.store.StoredGroup;
import io.disco.common.apps.AppId;
import io.disco.common.model.Group;
import io.disco.common.signing.Quorum;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The discovery service's rules over a {@link GroupStore}: IDs, validation, the server-set
 * {@code LastUpdated}, TTL grants and expiry. Free of HTTP, so it is tested with a plain clock.
 *
 * <p>A group past its expiry is never served, even before the sweeper deletes it. A protected
 * group (one with a {@code Quorum}) is replaced, updated or deleted only by a request enough of
 * its members signed, counted inside the store's write against the group as stored then.
 */
public final class GroupRegistry {

    /** Carries no signatures, so it is never asked to verify one and may be shared. */
    private static final Verifications UNSIGNED = new Verifications(SignedRequest.UNSIGNED);

    private final GroupStore store;
    private final GroupRules rules;
    private final GroupQuota quota;
    private final TtlPolicy ttl;
    private final Clock clock;
    private final QuorumFloor minQuorum;
    private final GroupEvents events;
    // Who asks for the changes this registry makes, for what it tells events; null when unknown.
    private final InetAddress client;

    public GroupRegistry(GroupStore store, GroupRules rules, GroupQuota quota, TtlPolicy ttl, Clock clock) {
        this(store, rules, quota, ttl, clock, QuorumFloor.NONE);
    }

    public GroupRegistry(GroupStore store, GroupRules rules, GroupQuota quota, TtlPolicy ttl, Clock clock,
            QuorumFloor minQuorum) {
        this(store, rules, quota, ttl, clock, minQuorum, GroupEvents.NONE);
    }

    /** @param events told of each change this registry makes */
    public GroupRegistry(GroupStore store, GroupRules rules, GroupQuota quota, TtlPolicy ttl, Clock clock,
            QuorumFloor minQuorum, GroupEvents events) {
        this(store, rules, quota, ttl, clock, minQuorum, events, null);
    }

    private GroupRegistry(GroupStore store, GroupRules rules, GroupQuota quota, TtlPolicy ttl, Clock clock,
            QuorumFloor minQuorum, GroupEvents events, InetAddress client) {
        this.minQuorum = minQuorum;
        this.store = store;
        this.rules = rules;
        this.quota = quota;
        this.ttl = ttl;
        this.clock = clock;
        this.events = events;
        this.client = client;
    }

    /**
     * This registry as a request made with application {@code app}'s key sees it: only that
     * application's groups exist (see {@link AppGroups}). Cheap: one per request.
     */
    public GroupRegistry forApp(AppId app) {
        return new GroupRegistry(new AppGroups(store, app), rules, quota, ttl, clock, minQuorum, events, client);
    }

    /**
     * This registry for a request from {@code client}, whom its events name. Cheap: one per write.
     *
     * @param client null when unknown
     */
    public GroupRegistry forClient(InetAddress client) {
        return client == null ? this : new GroupRegistry(store, rules, quota, ttl, clock, minQuorum, events, client);
    }

    /**
     * Creates a group, or replaces the one with the body's ID. @return the group's ID
     *
     * @throws ServerFullException or {@link AppFullException} when the group is new (to its
     *                             application) and {@link GroupQuota} has no room for it
     */
    public String createOrReplace(Group input) {
        return createOrReplace(input, SignedRequest.UNSIGNED);
    }

    /** @throws QuorumNotMetException when it would replace a protected group too few of whose members signed */
    public String createOrReplace(Group input, SignedRequest request) {
        String id = idFor(input);
        Verifications signed = verifiedAhead(id, request);
        Creation creation = new Creation(input, id, signed);
        creation.told(store.upsert(id, creation));
        return id;
    }

    /**
     * {@link #createOrReplace} completed by the store's writer, so that the caller's thread need
     * not wait for a disk. A group the rules refuse is thrown at once; the quota's refusal and
     * the store's failure complete the future. Unsigned: a protected group it would replace
     * refuses it.
     */
    public CompletableFuture<String> createOrReplaceAsync(Group input) {
        String id = idFor(input);
        Creation creation = new Creation(input, id, UNSIGNED);
        return store.upsertAsync(id, creation).thenApply(creation::told);
    }

    private String idFor(Group input) {
        rules.check(input);
        return input.id().isEmpty() ? UUID.randomUUID().toString() : input.id();
    }

    /** The change that creates or replaces a group, which remembers which of the two it made. */
    private final class Creation implements Function<Optional<StoredGroup>, StoredGroup> {

        private final Group input;
        private final String id;
        private final Verifications signed;
        private final Instant now = clock.instant();
        // Set inside the store's write, read once it has completed, which orders the two.
        private boolean replaced;

        Creation(Group input, String id, Verifications signed) {
            this.input = input;
            this.id = id;
            this.signed = signed;
        }

        @Override
        public StoredGroup apply(Optional<StoredGroup> existing) {
            quota.admit(existing.orElse(null), input.appId(), store);
            // An expired group that the sweeper has not reached yet counts as absent.
            Optional<StoredGroup> live = existing.filter(old -> old.isLiveAt(now));
            if (live.isPresent()) {
                authorise(live.get(), signed);
            }
            replaced = live.isPresent();
            return stamp(input.withId(id), live, now);
        }

        /** Tells events of the group written. @return its ID */
        String told(StoredGroup written) {
            if (replaced) {
                events.updated(written, client);
            } else {
                events.created(written, client);
            }
            return written.id();
        }
    }

    /**
     * Replaces group {@code id}; the body may omit the ID but may not name another.
     *
     * @throws AppFullException when the body moves the group to an application with no room
     */
    public String update(String id, Group input) {
        return update(id, input, SignedRequest.UNSIGNED);
    }

    /** @throws QuorumNotMetException when the group is protected and too few of its members signed */
    public String update(String id, Group input, SignedRequest request) {
        if (!input.id().isEmpty() && !input.id().equals(id)) {
            throw new InvalidGroupException("the body's ID " + input.id() + " differs from the path's " + id);
        }
        Group group = input.withId(id);
        rules.check(group);
        Verifications signed = verifiedAhead(id, request);
        Instant now = clock.instant();
        StoredGroup written = store.update(id, existing -> {
            if (!existing.isLiveAt(now)) {
                // Refused inside the write, so that an expired group is not written again unchanged.
                throw new UnknownGroupException(id);
            }
            authorise(existing, signed);
            return admitted(existing, group, now);
        }).orElseThrow(() -> new UnknownGroupException(id));
        events.updated(written, client);
        return id;
    }

    /** The group as stored, with its rendered JSON, so that answering it needs no second look-up. */
    public StoredGroup get(String id) {
        Instant now = clock.instant();
        return store.get(id)
                .filter(group -> group.isLiveAt(now))
                .orElseThrow(() -> new UnknownGroupException(id));
    }

    /** {@link #get} completed by the store, so that the caller's thread need not wait for it. */
    public CompletableFuture<StoredGroup> getAsync(String id) {
        Instant now = clock.instant();
        return store.getAsync(id).thenApply(found -> found.filter(group -> group.isLiveAt(now))
                .orElseThrow(() -> new UnknownGroupException(id)));
    }

    /** @param appId the application, or {@code null} or empty for all */
    public GroupListing list(String appId) {
        Map<String, StoredGroup> stored = appId == null || appId.isEmpty() ? store.all() : store.byApp(appId);
        Instant now = clock.instant();
        List<StoredGroup> live = new ArrayList<>(stored.size());
        for (StoredGroup group : stored.values()) {
            if (group.isLiveAt(now)) {
                live.add(group);
            }
        }
        return new GroupListing(live);
    }

    public void delete(String id) {
        delete(id, SignedRequest.UNSIGNED);
    }

    /**
     * Deletes group {@code id}, expired or not.
     *
     * @throws QuorumNotMetException when the group is live, protected, and too few of its members signed
     */
    public void delete(String id, SignedRequest request) {
        Verifications signed = verifiedAhead(id, request);
        Instant now = clock.instant();
        // The group as the delete found it, for events; set inside the store's atomic step.
        StoredGroup[] deleted = new StoredGroup[1];
        if (!store.delete(id, existing -> {
            if (existing.isLiveAt(now)) {
                authorise(existing, signed);
            }
            deleted[0] = existing;
        })) {
            throw new UnknownGroupException(id);
        }
        if (deleted[0] != null) {
            events.deleted(deleted[0], client);
        }
    }

    /**
     * The request's signatures verified against group {@code id} as it stands now, outside the
     * store's write (which runs one at a time), so that the write only looks the outcomes up
     * unless the group changes in between.
     */
    private Verifications verifiedAhead(String id, SignedRequest request) {
        Verifications signed = new Verifications(request);
        if (!request.signatures().entries().isEmpty()) {
            Instant now = clock.instant();
            store.get(id).filter(group -> group.isLiveAt(now) && group.group().quorum() != null)
                    .ifPresent(group -> QuorumCheck.tally(group.group(), signed));
        }
        return signed;
    }

    /** Refuses a change of a protected group that too few of its members signed. */
    private static void authorise(StoredGroup stored, Verifications signed) {
        Group group = stored.group();
        if (group.quorum() == null) {
            return;
        }
        Tally tally = QuorumCheck.tally(group, signed);
        if (!tally.met()) {
            throw new QuorumNotMetException(group, tally);
        }
    }

    private StoredGroup admitted(StoredGroup existing, Group group, Instant now) {
        quota.admit(existing, group.appId(), store);
        return stamp(group, Optional.of(existing), now);
    }

    /**
     * The group as stored: {@code LastUpdated} now, and a TTL that is the request's (clamped), or
     * the existing group's when the request names none, or the default; and a Quorum likewise,
     * the request's raised to {@code --min-quorum}, or the existing group's when it names none.
     */
    private StoredGroup stamp(Group group, Optional<StoredGroup> existing, Instant now) {
        Quorum quorum = group.quorum() != null || existing.isEmpty()
                ? minQuorum.raise(group.quorum())
                : existing.get().group().quorum();
        long lastUpdated = now.getEpochSecond();
        if (quorum != null) {
            group = group.withQuorum(quorum);
            rules.checkSigners(group);
            if (existing.isPresent()) {
                // Moved on even by two writes in one second, so that what was signed against the
                // old value never counts again.
                lastUpdated = Math.max(lastUpdated, existing.get().group().lastUpdated() + 1);
            }
        }
        Long granted = group.ttl() != null
                ? Long.valueOf(ttl.grant(group.ttl()))
                : existing.map(old -> old.group().ttl()).orElse(null);
        Group stamped = group.withTtl(granted).withLastUpdated(lastUpdated);
        return StoredGroup.of(stamped, now.plus(ttl.lifetime(granted)));
    }
}
