package io.disco.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.disco.common.json.DiscoJson;
import io.disco.common.signing.Quorum;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupJsonTest {

    private final ObjectMapper json = DiscoJson.mapper();

    private static final Peer MONICA = new Peer("thenetaddr", "0X04AB", "Monica");

    @Test
    void writesTheOriginalsFieldsInTheirCaseAndOrder() throws JsonProcessingException {
        Group group = new Group("8f41", "office group", "BabbleChat", "", 1583773505L, List.of(MONICA),
                List.of(MONICA), null);

        assertEquals("{\"ID\":\"8f41\",\"Name\":\"office group\",\"AppID\":\"BabbleChat\",\"PubKey\":\"\","
                + "\"LastUpdated\":1583773505,"
                + "\"Peers\":[{\"NetAddr\":\"thenetaddr\",\"PubKeyHex\":\"0X04AB\",\"Moniker\":\"Monica\"}],"
                + "\"GenesisPeers\":[{\"NetAddr\":\"thenetaddr\",\"PubKeyHex\":\"0X04AB\",\"Moniker\":\"Monica\"}]}",
                json.writeValueAsString(group));
    }

    @Test
    void writesQuorumOnlyWhenTheGroupHasOneAndReadsOnlyItsNames() throws JsonProcessingException {
        Group group = Group.of("g", "app", List.of()).withQuorum(Quorum.TWO_THIRDS);
        String written = json.writeValueAsString(group);
        assertEquals("two-thirds", json.readTree(written).get("Quorum").asText());
        assertEquals(group, json.readValue(written, Group.class));
        assertFalse(json.readTree(json.writeValueAsString(group.withQuorum(null))).has("Quorum"));
        assertThrows(JsonProcessingException.class,
                () -> json.readValue("{\"AppID\":\"a\",\"Quorum\":\"all\"}", Group.class));
    }

    @Test
    void writesTtlOnlyWhenTheGroupHasOne() throws JsonProcessingException {
        Group group = Group.of("g", "app", List.of()).withTtl(90L);
        assertEquals(90, json.readTree(json.writeValueAsString(group)).get("TTL").asInt());
        assertFalse(json.readTree(json.writeValueAsString(group.withTtl(null))).has("TTL"));
    }

    @Test
    void readsWhatTheGoClientMarshals() throws JsonProcessingException {
        Group group = json.readValue("{\"ID\":\"\",\"Name\":\"n\",\"AppID\":\"a\",\"PubKey\":\"\",\"LastUpdated\":0,"
                + "\"Peers\":null,\"GenesisPeers\":null}", Group.class);
        assertEquals("", group.id());
        assertEquals(List.of(), group.peers());
        assertEquals(List.of(), group.genesisPeers());
    }

    @Test
    void readsAnyCaseAsGoDoes() throws JsonProcessingException {
        Group group = json.readValue("{\"name\":\"n\",\"APPID\":\"a\",\"id\":\"x\",\"peers\":[{\"netaddr\":\"h\","
                + "\"PUBKEYHEX\":\"k\",\"moniker\":\"m\"}],\"genesispeers\":[]}", Group.class);
        assertEquals(new Group("x", "n", "a", "", 0, List.of(new Peer("h", "k", "m")), List.of(), null), group);
    }

    @Test
    void acceptsTheOlderInitialPeersName() throws JsonProcessingException {
        Group group = json.readValue("{\"AppID\":\"a\",\"InitialPeers\":[{\"NetAddr\":\"h\"}]}", Group.class);
        assertEquals(List.of(new Peer("h", "", "")), group.genesisPeers());
    }

    @Test
    void ignoresUnknownFields() throws JsonProcessingException {
        Group group = json.readValue("{\"AppID\":\"a\",\"Future\":{\"x\":[1,2]},\"Peers\":[{\"Extra\":1}]}",
                Group.class);
        assertEquals("a", group.appId());
        assertEquals(List.of(new Peer("", "", "")), group.peers());
    }

    @Test
    void readsTtl() throws JsonProcessingException {
        assertEquals(120L, json.readValue("{\"AppID\":\"a\",\"TTL\":120}", Group.class).ttl());
        assertNull(json.readValue("{\"AppID\":\"a\"}", Group.class).ttl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"AppID\":5}",
            "{\"AppID\":true}",
            "{\"Name\":[\"x\"]}",
            "{\"Peers\":\"x\"}",
            "{\"Peers\":[\"x\"]}",
            "{\"LastUpdated\":\"12\"}",
            "{\"TTL\":1.5}",
            "{\"TTL\":\"60\"}",
            "[]",
            "\"group\"",
            "{\"AppID\":\"a\"} trailing",
    })
    void refusesWrongTypes(String body) {
        assertThrows(JsonProcessingException.class, () -> json.readValue(body, Group.class));
    }

    @Test
    void groupIdIsABareJsonString() throws JsonProcessingException {
        assertEquals("\"8f41\"", json.writeValueAsString(new GroupId("8f41")));
        assertEquals(new GroupId("8f41"), json.readValue("\"8f41\"", GroupId.class));
    }
}
