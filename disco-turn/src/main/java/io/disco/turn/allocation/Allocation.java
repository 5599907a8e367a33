package io.disco.turn.allocation;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's relayed transport address with its permissions and channel bindings (RFC 5766 §5).
 *
 * <p>Reads (the relay path: is this peer permitted, which channel is bound) take no lock:
 * permissions sit in a concurrent map keyed by peer IP, channel bindings in a copy-on-write array
 * (an allocation has a handful). Changes, which only requests make, synchronize on the allocation.
 * Expiry is checked against the time the caller passes, so the logic never reads a clock itself.
 */
public final class Allocation {

    public static final Duration PERMISSION_LIFETIME = Duration.ofMinutes(5);
    public static final Duration CHANNEL_LIFETIME = Duration.ofMinutes(10);
    /** How long a channel number stays reserved to its peer after the binding expired. */
    static final Duration CHANNEL_COOLDOWN = Duration.ofMinutes(5);
    /** Channel bindings one allocation may hold; each costs a few dozen bytes and a lookup step. */
    static final int MAX_CHANNELS = 256;
    /** Permissions one allocation may hold. */
    static final int MAX_PERMISSIONS = 1024;

    /** The outcome of ChannelBind. */
    public enum BindResult { BOUND, NUMBER_TAKEN, PEER_TAKEN, TOO_MANY }

    private final FiveTuple fiveTuple;
    private final String username;
    private final String account;
    private final RelayEndpoint relay;
    private final ClientLink client;
    private final InetSocketAddress relayedAddress;
    private final byte[] transactionId;
    private final long createdAtMillis;
    private final RelayedTraffic traffic = new RelayedTraffic();
    private final ConcurrentHashMap<InetAddress, Permission> permissions = new ConcurrentHashMap<>();
    private volatile ChannelBinding[] channels = new ChannelBinding[0];
    private volatile long expiresAtMillis;

    private final BandwidthMeter meter;

    public Allocation(FiveTuple fiveTuple, String username, String account, RelayEndpoint relay, ClientLink client,
                      InetSocketAddress relayedAddress, byte[] transactionId, long createdAtMillis,
                      long expiresAtMillis, Bandwidth bandwidth) {
        this.fiveTuple = fiveTuple;
        this.username = username;
        this.account = account;
        this.relay = relay;
        this.client = client;
        this.relayedAddress = relayedAddress;
        this.transactionId = transactionId.clone();
        this.createdAtMillis = createdAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.meter = bandwidth.newMeter();
    }

    /** Whether relaying {@code bytes} more now stays within the allocation's bandwidth; if so, they are counted. */
    public boolean withinBandwidth(int bytes, long nowMillis) {
        return meter.spend(bytes, nowMillis);
    }

    public FiveTuple fiveTuple() {
        return fiveTuple;
    }

    public String username() {
        return username;
    }

    public String account() {
        return account;
    }

    public RelayEndpoint relay() {
        return relay;
    }

    /** The way back to the client. */
    public ClientLink client() {
        return client;
    }

    /** The XOR-RELAYED-ADDRESS clients are told. */
    public InetSocketAddress relayedAddress() {
        return relayedAddress;
    }

    /** Whether {@code id} is the transaction that created this allocation (a retransmitted Allocate). */
    public boolean createdBy(byte[] id) {
        return Arrays.equals(transactionId, id);
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    /** What it has relayed so far. */
    public RelayedTraffic traffic() {
        return traffic;
    }

    public boolean activeAt(long nowMillis) {
        return nowMillis < expiresAtMillis;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    public void refresh(Duration lifetime, long nowMillis) {
        expiresAtMillis = nowMillis + lifetime.toMillis();
    }

    /** Whether a peer at {@code peer} may send to the client through this allocation. */
    public boolean permits(InetAddress peer, long nowMillis) {
        Permission permission = permissions.get(peer);
        return permission != null && permission.activeAt(nowMillis);
    }

    /** Installs or refreshes the permission for {@code peer}; false when the allocation has too many. */
    public synchronized boolean permit(InetAddress peer, long nowMillis) {
        long expiry = nowMillis + PERMISSION_LIFETIME.toMillis();
        Permission permission = permissions.get(peer);
        if (permission != null) {
            permission.refresh(expiry);
            return true;
        }
        if (permissions.size() >= MAX_PERMISSIONS) {
            return false;
        }
        permissions.put(peer, new Permission(expiry));
        return true;
    }

    /**
     * Binds {@code number} to {@code peer} or refreshes that binding, and installs or refreshes the
     * permission for the peer's IP, following RFC 5766 §11.2: a number bound (or cooling down) to
     * another peer, or a peer bound to another number, is refused.
     */
    public synchronized BindResult bind(int number, InetSocketAddress peer, long nowMillis) {
        ChannelBinding[] current = channels;
        ChannelBinding existing = null;
        for (ChannelBinding binding : current) {
            boolean samePeer = binding.peer().equals(peer);
            if (binding.number() == number) {
                if (!samePeer) {
                    return BindResult.NUMBER_TAKEN;
                }
                existing = binding;
            } else if (samePeer && binding.activeAt(nowMillis)) {
                return BindResult.PEER_TAKEN;
            }
        }
        if (existing == null && current.length >= MAX_CHANNELS) {
            return BindResult.TOO_MANY;
        }
        if (!permit(peer.getAddress(), nowMillis)) {
            return BindResult.TOO_MANY;
        }
        long expiry = nowMillis + CHANNEL_LIFETIME.toMillis();
        if (existing != null) {
            existing.refresh(expiry);
        } else {
            ChannelBinding[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = new ChannelBinding(number, peer, expiry);
            channels = grown;
        }
        return BindResult.BOUND;
    }

    /** The active binding of channel {@code number}, or null. */
    public ChannelBinding channel(int number, long nowMillis) {
        for (ChannelBinding binding : channels) {
            if (binding.number() == number) {
                return binding.activeAt(nowMillis) ? binding : null;
            }
        }
        return null;
    }

    /** The active binding to {@code peer}, or null. */
    public ChannelBinding channelTo(InetSocketAddress peer, long nowMillis) {
        for (ChannelBinding binding : channels) {
            if (binding.activeAt(nowMillis) && binding.peer().equals(peer)) {
                return binding;
            }
        }
        return null;
    }

    /** Permissions in force at {@code nowMillis}. */
    public int permissionsAt(long nowMillis) {
        int active = 0;
        for (Permission permission : permissions.values()) {
            if (permission.activeAt(nowMillis)) {
                active++;
            }
        }
        return active;
    }

    /** Channels bound at {@code nowMillis}. */
    public int channelsAt(long nowMillis) {
        int active = 0;
        for (ChannelBinding binding : channels) {
            if (binding.activeAt(nowMillis)) {
                active++;
            }
        }
        return active;
    }

    /** Forgets expired permissions and channel numbers past their cool-down. */
    public synchronized void sweep(long nowMillis) {
        permissions.values().removeIf(permission -> !permission.activeAt(nowMillis));
        long cooldown = CHANNEL_COOLDOWN.toMillis();
        ChannelBinding[] current = channels;
        ChannelBinding[] kept = Arrays.stream(current)
                .filter(binding -> nowMillis < binding.expiresAtMillis() + cooldown)
                .toArray(ChannelBinding[]::new);
        if (kept.length != current.length) {
            channels = kept;
        }
    }
}
