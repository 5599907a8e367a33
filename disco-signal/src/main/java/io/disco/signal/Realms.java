package io.disco.signal;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;

/**
 * Which realms the router serves.
 *
 * @param realm             the anonymous realm's name ({@code --realm})
 * @param apps              open: the anonymous realm alone, as the original; registered: a realm
 *                          per registered application, named by its AppID and joined with its key
 * @param anonymousWithApps in registered mode, whether the anonymous realm is served beside the
 *                          apps' ({@code --anonymous-realm})
 */
public record Realms(String realm, Apps apps, boolean anonymousWithApps) {

    /** How applications get a realm ({@code --apps}). */
    public enum Apps {
        OPEN, REGISTERED;

        /** The flag's value: the constant's name in lower case. */
        public static final class Converter implements ITypeConverter<Apps> {
            @Override
            public Apps convert(String value) {
                for (Apps apps : values()) {
                    if (apps.name().toLowerCase(Locale.ROOT).equals(value)) {
                        return apps;
                    }
                }
                throw new IllegalArgumentException("expected open or registered, not " + value);
            }
        }
    }

    public Realms {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(apps, "apps");
        if (realm.isBlank()) {
            throw new IllegalArgumentException("--realm must not be empty");
        }
        if (anonymousWithApps && apps == Apps.OPEN) {
            throw new IllegalArgumentException("--anonymous-realm applies to --apps registered;"
                    + " with --apps open the anonymous realm is the only one");
        }
    }

    /** The original's: one anonymous realm. */
    public static Realms open(String realm) {
        return new Realms(realm, Apps.OPEN, false);
    }

    /** The anonymous realm, unless registered mode turned it off. */
    public Optional<String> anonymous() {
        return apps == Apps.OPEN || anonymousWithApps ? Optional.of(realm) : Optional.empty();
    }

    public boolean registered() {
        return apps == Apps.REGISTERED;
    }

    /** For logs: what a client may join. */
    String describe() {
        if (!registered()) {
            return "realm " + realm;
        }
        return "a realm per registered app" + anonymous().map(name -> ", anonymous realm " + name).orElse("");
    }
}
