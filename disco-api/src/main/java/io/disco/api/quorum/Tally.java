package io.disco.api.quorum;

/** How many of a protected group's members validly signed a request, and how many it needs. */
public record Tally(int found, int needed) {

    public boolean met() {
        return found >= needed;
    }
}
