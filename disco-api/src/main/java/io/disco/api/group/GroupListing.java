package io.disco.api.group;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.disco.api.store.StoredGroup;
import io.disco.common.model.Group;
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
        byte[][] keys = new byte[groups.size()][];
        int length = 2 + Math.max(0, groups.size() - 1);
        for (int i = 0; i < keys.length; i++) {
            StoredGroup group = groups.get(i);
            keys[i] = quoted(group.id());
            length += keys[i].length + 1 + group.json().length;
        }
        // Filled in place: a listing is read far more often than written, and at tens of KB a
        // second copy of it per request is most of what joining costs.
        byte[] json = new byte[length];
        int at = 0;
        json[at++] = '{';
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                json[at++] = ',';
            }
            System.arraycopy(keys[i], 0, json, at, keys[i].length);
            at += keys[i].length;
            json[at++] = ':';
            byte[] group = groups.get(i).json();
            System.arraycopy(group, 0, json, at, group.length);
            at += group.length;
        }
        json[at] = '}';
        return json;
    }

    /** {@code id} as a JSON string, quoted: the listing's keys, and what create and update answer. */
    public static byte[] quoted(String id) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(id);
        byte[] key = new byte[quoted.length + 2];
        key[0] = '"';
        System.arraycopy(quoted, 0, key, 1, quoted.length);
        key[key.length - 1] = '"';
        return key;
    }
}
