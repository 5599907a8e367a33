package io.disco.api.group;

import io.disco.api.quorum.Tally;
import io.disco.common.model.Group;

/** Too few of a protected group's members signed the request to change it. */
public final class QuorumNotMetException extends GroupException {

    QuorumNotMetException(Group group, Tally tally) {
        super("group " + group.id() + " is protected (Quorum " + group.quorum() + "): " + tally.found()
                + " valid member signature" + (tally.found() == 1 ? "" : "s") + " found, " + tally.needed()
                + " needed");
    }
}
