package io.disco.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTest {

    private static final Peer MONICA = new Peer("thenetaddr", "0X04AB", "Monica");
    private static final Peer ROSS = new Peer("otheraddr", "0X04CD", "Ross");

    @Test
    void keepsItsOwnCopyOfTheListsItIsGiven() {
        List<Peer> given = new ArrayList<>(List.of(MONICA));
        Group group = Group.of("g", "app", given);
        given.add(ROSS);

        assertEquals(List.of(MONICA), group.peers());
        assertEquals(List.of(MONICA), group.genesisPeers());
        assertThrows(UnsupportedOperationException.class, () -> group.peers().add(ROSS));
        assertThrows(UnsupportedOperationException.class, () -> group.genesisPeers().set(0, ROSS));
    }

    @Test
    void copiesWithOtherFieldsShareTheListsRatherThanCopyThem() {
        Group group = Group.of("g", "app", List.of(MONICA, ROSS));
        Group stamped = group.withId("8f41").withTtl(90L).withLastUpdated(1583773505L);

        assertSame(group.peers(), stamped.peers());
        assertSame(group.genesisPeers(), stamped.genesisPeers());
        assertEquals(new Group("8f41", "g", "app", "", 1583773505L, List.of(MONICA, ROSS), List.of(MONICA, ROSS), 90L),
                stamped);
    }

    @Test
    void keepsANullPeerForTheValidatorToName() {
        Group group = Group.of("g", "app", Arrays.asList(MONICA, null));

        assertEquals(2, group.peers().size());
        assertNull(group.peers().get(1));
    }
}
