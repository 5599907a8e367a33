package io.disco.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.api.quorum.QuorumFloor;
import io.disco.common.signing.CanonicalRequest;
import io.disco.common.signing.Quorum;
import io.disco.common.signing.Signatures;
import io.disco.common.signing.SigningKey;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Protected groups over real TLS: who must sign, what counts, and what a refusal says. */
class SignedUpdatesHttpTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SigningKey ANNA = SigningKey.generate(RANDOM);
    private static final SigningKey BORIS = SigningKey.generate(RANDOM);
    private static final SigningKey CHLOE = SigningKey.generate(RANDOM);
    private static final SigningKey OUTSIDER = SigningKey.generate(RANDOM);

    private static RunningApi api;
    private static RunningApi raising;
    private RequestSpecification http;

    @BeforeAll
    static void start() throws Exception {
        api = new RunningApi();
        raising = new RunningApi(new QuorumFloor(Quorum.MAJORITY));
    }

    @AfterAll
    static void stop() {
        api.close();
        raising.close();
    }

    @BeforeEach
    void client() {
        for (RunningApi server : List.of(api, raising)) {
            for (String id : server.server.store().all().keySet()) {
                server.server.store().delete(id);
            }
        }
        http = spec(api);
    }

    private static RequestSpecification spec(RunningApi server) {
        return new RequestSpecBuilder().setBaseUri(server.uri().toString()).setRelaxedHTTPSValidation().build();
    }

    private static String peer(SigningKey key) {
        return "{\"NetAddr\":\"198.18.0.1:1337\",\"PubKeyHex\":\"" + key.publicKey() + "\",\"Moniker\":\"m\"}";
    }

    /** A group of these members; {@code extra} is more JSON fields, such as a Quorum. */
    private static String group(String id, String extra, SigningKey... members) {
        String peers = Stream.of(members).map(SignedUpdatesHttpTest::peer).collect(Collectors.joining(","));
        return "{\"ID\":\"" + id + "\",\"Name\":\"n\",\"AppID\":\"SignedApp\",\"Peers\":[" + peers + "]" + extra + "}";
    }

    private static String quorum(String name) {
        return ",\"Quorum\":\"" + name + "\"";
    }

    private void create(String body) {
        given(http).contentType(ContentType.JSON).body(body).post("/group").then().statusCode(201);
    }

    private long lastUpdated(String id) {
        return given(http).get("/groups/" + id).then().statusCode(200).extract().jsonPath().getLong("LastUpdated");
    }

    private String signatures(String method, String id, String body, SigningKey... keys) {
        CanonicalRequest request = CanonicalRequest.of(method, id, body.getBytes(StandardCharsets.UTF_8),
                lastUpdated(id));
        return Signatures.sign(request, List.of(keys)).toString();
    }

    private ValidatableResponse patch(String id, String body, String header) {
        RequestSpecification request = given(http).contentType(ContentType.JSON).body(body);
        if (header != null) {
            request.header(Signatures.HEADER, header);
        }
        return request.patch("/groups/" + id).then();
    }

    private ValidatableResponse patchSigned(String id, String body, SigningKey... keys) {
        return patch(id, body, signatures("PATCH", id, body, keys));
    }

    private static void refused(ValidatableResponse response, int status, String message) {
        response.statusCode(status).contentType(ContentType.JSON)
                .body("status", equalTo(status)).body("error", equalTo(message));
    }

    private static String notMet(String id, String quorum, int found, int needed) {
        return "group " + id + " is protected (Quorum " + quorum + "): " + found + " valid member signature"
                + (found == 1 ? "" : "s") + " found, " + needed + " needed";
    }

    @Test
    void aGroupWithoutQuorumIsWrittenAndChangedExactlyAsBefore() {
        String body = "{\"ID\":\"plain\",\"Name\":\"n\",\"AppID\":\"SignedApp\",\"PubKey\":\"\",\"Peers\":[],\"GenesisPeers\":[]}";
        create(body);
        long now = api.clock.instant().getEpochSecond();

        String json = given(http).get("/groups/plain").then().statusCode(200).extract().asString();

        assertEquals("{\"ID\":\"plain\",\"Name\":\"n\",\"AppID\":\"SignedApp\",\"PubKey\":\"\",\"LastUpdated\":" + now
                + ",\"Peers\":[],\"GenesisPeers\":[]}", json);
        patch("plain", body, null).statusCode(200);
        given(http).delete("/groups/plain").then().statusCode(200);
    }

    @Test
    void majorityNeedsMoreThanHalfOfThePeers() {
        String body = group("maj", quorum("majority"), ANNA, BORIS, CHLOE);
        create(body);
        given(http).get("/groups/maj").then().body("Quorum", equalTo("majority"));

        refused(patch("maj", body, null), 403, notMet("maj", "majority", 0, 2));
        refused(patchSigned("maj", body, ANNA), 403, notMet("maj", "majority", 1, 2));
        patchSigned("maj", body, ANNA, CHLOE).statusCode(200).body(equalTo("\"maj\""));
    }

    @Test
    void twoThirdsNeedsTwoThirdsRoundedUp() {
        String body = group("third", quorum("two-thirds"), ANNA, BORIS, CHLOE, OUTSIDER);
        create(body);

        refused(patchSigned("third", body, ANNA, BORIS), 403, notMet("third", "two-thirds", 2, 3));
        patchSigned("third", body, ANNA, BORIS, CHLOE).statusCode(200);
    }

    @Test
    void creatorNeedsTheKeyInPubKeyAndNoMember() {
        String body = "{\"ID\":\"mine\",\"AppID\":\"SignedApp\",\"PubKey\":\"" + OUTSIDER.publicKey()
                + "\",\"Peers\":[" + peer(ANNA) + "," + peer(BORIS) + "],\"Quorum\":\"creator\"}";
        create(body);

        refused(patchSigned("mine", body, ANNA, BORIS), 403, notMet("mine", "creator", 0, 1));
        patchSigned("mine", body, OUTSIDER).statusCode(200);
    }

    @Test
    void aNonMembersSignatureAndASecondByOneKeyDoNotCount() {
        String body = group("dup", quorum("majority"), ANNA, BORIS, CHLOE);
        create(body);
        String anna = signatures("PATCH", "dup", body, ANNA);

        refused(patch("dup", body, anna + ", " + anna), 403, notMet("dup", "majority", 1, 2));
        refused(patchSigned("dup", body, ANNA, OUTSIDER), 403, notMet("dup", "majority", 1, 2));
    }

    @Test
    void aSignatureDoesNotCountOnceTheGroupHasChanged() {
        String body = group("replay", quorum("majority"), ANNA, BORIS, CHLOE);
        create(body);
        String signed = signatures("PATCH", "replay", body, ANNA, BORIS);
        patch("replay", body, signed).statusCode(200);

        // The clock has not moved: LastUpdated moves on by itself for a protected group.
        refused(patch("replay", body, signed), 403, notMet("replay", "majority", 0, 2));
        String other = group("replay", quorum("majority"), ANNA);
        refused(patch("replay", other, signatures("PATCH", "replay", body, ANNA, BORIS)), 403,
                notMet("replay", "majority", 0, 2));
    }

    @Test
    void aMemberRemovedByASignedUpdateNoLongerCounts() {
        create(group("shrink", quorum("majority"), ANNA, BORIS, CHLOE));
        String withoutChloe = group("shrink", "", ANNA, BORIS);
        patchSigned("shrink", withoutChloe, ANNA, BORIS).statusCode(200);
        given(http).get("/groups/shrink").then().body("Quorum", equalTo("majority"));

        refused(patchSigned("shrink", withoutChloe, ANNA, CHLOE), 403, notMet("shrink", "majority", 1, 2));
    }

    @Test
    void deleteAndReplaceByPostAreUpdatesToo() {
        String body = group("gone", quorum("majority"), ANNA, BORIS);
        create(body);

        refused(given(http).delete("/groups/gone").then(), 403, notMet("gone", "majority", 0, 2));
        refused(given(http).contentType(ContentType.JSON).body(body).post("/group").then(), 403,
                notMet("gone", "majority", 0, 2));
        given(http).contentType(ContentType.JSON).body(body).header(Signatures.HEADER,
                signatures("POST", "gone", body, ANNA, BORIS)).post("/group").then().statusCode(201);
        given(http).header(Signatures.HEADER, signatures("DELETE", "gone", "", ANNA, BORIS))
                .delete("/groups/gone").then().statusCode(200);
        given(http).get("/groups/gone").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "0X04AB=1|2", "=1|2", "KEY=", "KEY=1|2|3", "KEY=zz-top", "KEY=1|2,"})
    void aMalformedHeaderIs400(String header) {
        String body = group("bad", quorum("majority"), ANNA, BORIS);
        create(body);
        String value = header.replace("KEY", ANNA.publicKey().toString());

        patch("bad", body, value).statusCode(400).contentType(ContentType.JSON).body("status", equalTo(400));
        given(http).header(Signatures.HEADER, value).delete("/groups/bad").then().statusCode(400);
        given(http).get("/groups/bad").then().statusCode(200);
    }

    @Test
    void aQuorumThatCannotBeSignedForIs400() {
        refused(given(http).contentType(ContentType.JSON).body(group("q", quorum("all"), ANNA)).post("/group").then(),
                400, "invalid Quorum: must be one of creator, majority, two-thirds");
        given(http).contentType(ContentType.JSON).body(group("q", quorum("creator"), ANNA)).post("/group")
                .then().statusCode(400).body("error", equalTo(
                        "PubKey: a key is 0X and the hex of an uncompressed secp256k1 point; the group's Quorum needs it"));
        given(http).contentType(ContentType.JSON)
                .body("{\"ID\":\"q\",\"AppID\":\"SignedApp\",\"Peers\":[{\"PubKeyHex\":\"thepubkey\"}],\"Quorum\":\"majority\"}")
                .post("/group").then().statusCode(400);
        given(http).contentType(ContentType.JSON).body(group("q", quorum("majority"))).post("/group")
                .then().statusCode(400).body("error", equalTo("Quorum majority needs Peers to sign for the group"));
        given(http).get("/groups/q").then().statusCode(404);
    }

    @Test
    void minQuorumRaisesWhatNewGroupsAsk() {
        RequestSpecification raised = spec(raising);
        given(raised).contentType(ContentType.JSON).body(group("none", "", ANNA)).post("/group").then().statusCode(201);
        given(raised).contentType(ContentType.JSON).body(group("weak", quorum("creator"), ANNA)).post("/group")
                .then().statusCode(201);
        given(raised).contentType(ContentType.JSON).body(group("strong", quorum("two-thirds"), ANNA)).post("/group")
                .then().statusCode(201);

        given(raised).get("/groups/none").then().body("Quorum", equalTo("majority"));
        given(raised).get("/groups/strong").then().body("Quorum", equalTo("two-thirds"));
        given(raised).get("/groups/weak").then().body("Quorum", equalTo("majority"));
        given(raised).delete("/groups/none").then().statusCode(403);
    }
}
