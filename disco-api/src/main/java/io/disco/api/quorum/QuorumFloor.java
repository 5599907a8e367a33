package io.disco.api.quorum;

import io.disco.common.signing.Quorum;

/**
 * The weakest quorum the server lets a new group have ({@code --min-quorum}): a group created
 * with a weaker one or none is raised to it. {@link #NONE} leaves groups as their creators ask.
 *
 * @param least the floor, or {@code null} for none
 */
public record QuorumFloor(Quorum least) {

    public static final QuorumFloor NONE = new QuorumFloor(null);

    /** @param flag {@code none}, or a quorum's name; @throws IllegalArgumentException naming them */
    public static QuorumFloor parse(String flag) {
        if ("none".equals(flag)) {
            return NONE;
        }
        try {
            return new QuorumFloor(Quorum.parse(flag));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--min-quorum must be one of none, creator, majority, two-thirds");
        }
    }

    /** {@code requested}, raised to the floor; {@code null} stays {@code null} only without a floor. */
    public Quorum raise(Quorum requested) {
        return requested == null ? least : requested.atLeast(least);
    }

    @Override
    public String toString() {
        return least == null ? "none" : least.toString();
    }
}
