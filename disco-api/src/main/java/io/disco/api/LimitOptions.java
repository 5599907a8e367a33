package io.disco.api;

import io.disco.api.group.GroupQuota;
import io.disco.api.throttle.WriteLimit;
import io.disco.api.throttle.WriteRate;
import io.disco.common.cli.Converters;
import io.disco.common.net.Cidr;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The flags that bound what clients may make the discovery service keep, whatever the store. */
public final class LimitOptions {

    @Option(names = "--max-groups", paramLabel = "N", defaultValue = "" + GroupQuota.DEFAULT_MAX_GROUPS,
            description = "Most groups the server keeps; a create past it gets 507 (default: ${DEFAULT-VALUE})")
    int maxGroups;

    @Option(names = "--max-groups-per-app", paramLabel = "N",
            defaultValue = "" + GroupQuota.DEFAULT_MAX_GROUPS_PER_APP,
            description = "Most groups one AppID may have; a create past it gets 429 (default: ${DEFAULT-VALUE})")
    int maxGroupsPerApp;

    @Option(names = "--write-rate", paramLabel = "N/s", defaultValue = WriteLimit.DEFAULT_RATE,
            converter = Rate.class,
            description = "Writes (POST, PATCH, DELETE) one client address may make, per s, m or h; past it 429 "
                    + "with Retry-After; 0 for no limit (default: ${DEFAULT-VALUE})")
    WriteRate writeRate;

    @Option(names = "--write-burst", paramLabel = "N", defaultValue = "" + WriteLimit.DEFAULT_BURST,
            description = "Writes a client that was quiet may make at once, above --write-rate "
                    + "(default: ${DEFAULT-VALUE})")
    int writeBurst;

    @Option(names = "--trusted-proxy", paramLabel = "CIDR", split = ",", converter = Converters.AddressRange.class,
            description = "Proxy (address or CIDR range) whose X-Forwarded-For names the client for --write-rate; "
                    + "repeatable (default: none)")
    List<Cidr> trustedProxies = List.of();

    /** @throws IllegalArgumentException naming the flag */
    GroupQuota quota() {
        return new GroupQuota(maxGroups, maxGroupsPerApp);
    }

    /** @throws IllegalArgumentException naming the flag */
    WriteLimit writeLimit() {
        return new WriteLimit(writeRate, writeBurst, trustedProxies);
    }

    /** A write rate, checked at start-up. */
    public static final class Rate implements ITypeConverter<WriteRate> {
        @Override
        public WriteRate convert(String value) {
            return Converters.parsed(() -> WriteRate.parse(value));
        }
    }
}
