package io.disco.api.group;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
import java.io.ByteArrayOutputStream;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A listing of groups by ID, as the API answers it, that also knows its JSON: the groups' stored
 * JSON joined, with no serialization on the read path.
 */
public final class GroupListing extends AbstractMap<String, Group> {

    private final List<StoredGroup> groups;
    private Map<String, Group> byId;

    GroupListing(List<StoredGroup> groups) {
        this.groups = List.copyOf(groups);
    }

    @Override
    public Set<Entry<String, Group>> entrySet() {
        if (byId == null) {
            Map<String, Group> map = new LinkedHashMap<>(groups.size() * 2);
            for (StoredGroup group : groups) {
                map.put(group.id(), group.group());
            }
            byId = Collections.unmodifiableMap(map);
        }
        return byId.entrySet();
    }

    @Override
    public int size() {
        return groups.size();
    }

    /** The listing's JSON object, ID to group, joined from each stored group's own JSON. */
    public byte[] json() {
        int length = 2;
        for (StoredGroup group : groups) {
            length += group.json().length + group.id().length() + 4;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        out.write('{');
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        for (int i = 0; i < groups.size(); i++) {
            StoredGroup group = groups.get(i);
            if (i > 0) {
                out.write(',');
            }
            out.write('"');
            out.writeBytes(encoder.quoteAsUTF8(group.id()));
            out.write('"');
            out.write(':');
            out.writeBytes(group.json());
        }
        out.write('}');
        return out.toByteArray();
    }
}
