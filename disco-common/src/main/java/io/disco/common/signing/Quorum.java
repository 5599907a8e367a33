package io.disco.common.signing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whose signatures a protected group's update or delete needs, as its {@code "Quorum"} field
 * names it. Declared from the weakest to the strongest, which is how a server's floor raises it.
 */
public enum Quorum {

    /** One signature, by the key in the group's {@code PubKey}. */
    CREATOR("creator"),
    /** More than half of the group's current {@code Peers}, by {@code PubKeyHex}. */
    MAJORITY("majority"),
    /** At least two thirds of the group's current {@code Peers}, rounded up. */
    TWO_THIRDS("two-thirds");

    private final String name;

    Quorum(String name) {
        this.name = name;
    }

    /** @throws IllegalArgumentException naming the values there are */
    @JsonCreator
    public static Quorum parse(String name) {
        for (Quorum quorum : values()) {
            if (quorum.name.equals(name)) {
                return quorum;
            }
        }
        throw new IllegalArgumentException("must be one of creator, majority, two-thirds");
    }

    /** How many distinct signers it takes among {@code members} keys (the creator's one for {@link #CREATOR}). */
    public int needed(int members) {
        return switch (this) {
            case CREATOR -> 1;
            case MAJORITY -> members / 2 + 1;
            case TWO_THIRDS -> (2 * members + 2) / 3;
        };
    }

    /** This quorum, or {@code floor} when that is stronger. */
    public Quorum atLeast(Quorum floor) {
        return floor != null && floor.compareTo(this) > 0 ? floor : this;
    }

    @JsonValue
    @Override
    public String toString() {
        return name;
    }
}
