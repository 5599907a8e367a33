package io.disco.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import io.disco.common.tls.ClientTrust;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint and every error of the discovery API, over real TLS, as curl or a Go client sees it. */
class DiscoveryHttpTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String PEER = "{\"NetAddr\":\"198.18.0.1:1337\",\"PubKeyHex\":\"0X04AB\",\"Moniker\":\"Monica\"}";
    private static final String GROUP = "{\"Name\":\"office group\",\"AppID\":\"BabbleChat\",\"Peers\":[" + PEER
            + "],\"GenesisPeers\":[" + PEER + "]}";

    private static RunningApi api;
    private RequestSpecification http;

    @BeforeAll
    static void start() throws Exception {
        api = new RunningApi();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void client() {
        for (String id : api.server.store().all().keySet()) {
            api.server.store().delete(id);
        }
        http = new RequestSpecBuilder().setBaseUri(api.uri().toString()).setRelaxedHTTPSValidation().build();
    }

    private String create(String body) {
        return given(http).contentType(ContentType.JSON).body(body).post("/group")
                .then().statusCode(201).extract().as(String.class);
    }

    private static ValidatableResponse isError(ValidatableResponse response, int status, String message) {
        return response.statusCode(status)
                .contentType(ContentType.JSON)
                .body("status", equalTo(status))
                .body("error", equalTo(message));
    }

    // --- the five endpoints, as compat.md describes them

    @Test
    void createAnswers201WithTheNewIdAsAJsonString() {
        String body = given(http).contentType(ContentType.JSON).body(GROUP).post("/group")
                .then().statusCode(201).contentType(ContentType.JSON).extract().asString();
        assertEquals(true, body.matches("\"" + UUID + "\""), body);
    }

    @Test
    void getAnswersTheGroupWithTheOriginalsFields() {
        String id = create(GROUP);
        given(http).get("/groups/" + id).then().statusCode(200).contentType(ContentType.JSON)
                .body("ID", equalTo(id))
                .body("Name", equalTo("office group"))
                .body("AppID", equalTo("BabbleChat"))
                .body("PubKey", equalTo(""))
                .body("LastUpdated", equalTo((int) api.clock.instant().getEpochSecond()))
                .body("Peers[0].PubKeyHex", equalTo("0X04AB"))
                .body("GenesisPeers[0].Moniker", equalTo("Monica"))
                .body("$", not(hasKey("TTL")))
                .body("$", not(hasKey("InitialPeers")));
    }

    @Test
    void acceptsExactlyWhatTheGoClientSends() {
        String id = create("{\"ID\":\"\",\"Name\":\"n\",\"AppID\":\"a\",\"PubKey\":\"\",\"LastUpdated\":0,"
                + "\"Peers\":null,\"GenesisPeers\":null}");
        given(http).get("/groups/" + id).then().statusCode(200)
                .body("Peers", equalTo(java.util.List.of()))
                .body("GenesisPeers", equalTo(java.util.List.of()));
    }

    @Test
    void acceptsAnyCaseAndTheOlderInitialPeersName() {
        String id = create("{\"name\":\"n\",\"appid\":\"a\",\"InitialPeers\":[" + PEER + "],\"Future\":1}");
        given(http).get("/groups/" + id).then().statusCode(200)
                .body("Name", equalTo("n"))
                .body("AppID", equalTo("a"))
                .body("GenesisPeers[0].NetAddr", equalTo("198.18.0.1:1337"));
    }

    /** Scripts written against the original post with curl -d, which declares a form, or with no type. */
    @ParameterizedTest
    @ValueSource(strings = {"Content-Type: application/x-www-form-urlencoded\r\n", "Content-Type: text/plain\r\n", ""})
    void readsTheBodyAsJsonWhateverItsDeclaredType(String contentType) throws IOException {
        String request = "POST /group HTTP/1.1\r\nHost: localhost\r\n" + contentType + "Content-Length: "
                + GROUP.length() + "\r\nConnection: close\r\n\r\n" + GROUP;
        String answer = rawExchange(request);
        assertEquals(true, answer.startsWith("HTTP/1.1 201"), answer);
    }

    @Test
    void postWithAnIdCreatesThenReplacesThatGroup() {
        assertEquals("office-7", create("{\"ID\":\"office-7\",\"Name\":\"first\",\"AppID\":\"a\"}"));
        assertEquals("office-7", create("{\"ID\":\"office-7\",\"Name\":\"second\",\"AppID\":\"a\"}"));
        given(http).get("/groups").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("'office-7'.Name", equalTo("second"));
    }

    @Test
    void listsAllGroupsByIdOrOneAppsGroups() {
        String chat = create(GROUP);
        String game = create("{\"Name\":\"g\",\"AppID\":\"My Babble App\"}");
        given(http).get("/groups").then().statusCode(200)
                .body("size()", equalTo(2))
                .body(chat + ".AppID", equalTo("BabbleChat"))
                .body(game + ".AppID", equalTo("My Babble App"));
        given(http).get("/groups?app-id=" + "BabbleChat").then().statusCode(200)
                .body("size()", equalTo(1)).body("$", hasKey(chat));
        // As the Go client escapes it.
        given(http).urlEncodingEnabled(false).get("/groups?app-id=My%20Babble%20App").then().statusCode(200)
                .body("size()", equalTo(1)).body("$", hasKey(game));
        given(http).get("/groups?app-id=").then().statusCode(200).body("size()", equalTo(2));
        given(http).get("/groups?app-id=unknown").then().statusCode(200).body("$", anEmptyMap());
    }

    @Test
    void readsServeTheStoredJsonWithItsExactLength() {
        String id = create(GROUP);
        for (String path : new String[] {"/groups/" + id, "/groups", "/groups?app-id=BabbleChat"}) {
            io.restassured.response.Response answer = given(http).get(path);
            assertEquals(String.valueOf(answer.asByteArray().length), answer.header("Content-Length"), path);
            assertEquals(null, answer.header("Transfer-Encoding"), path);
        }
        given(http).get("/groups/" + id).then().body("Peers[0].Moniker", equalTo("Monica"));
    }

    @Test
    void listingNoGroupsIsAnEmptyObject() {
        assertEquals("{}", given(http).get("/groups").then().statusCode(200).extract().asString());
    }

    @Test
    void patchReplacesTheGroupAndAnswersItsId() {
        String id = create(GROUP);
        api.clock.advance(Duration.ofSeconds(30));
        String answer = given(http).contentType(ContentType.JSON)
                .body("{\"Name\":\"renamed\",\"AppID\":\"BabbleChat\",\"Peers\":[]}")
                .patch("/groups/" + id).then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        assertEquals("\"" + id + "\"", answer);
        given(http).get("/groups/" + id).then().statusCode(200)
                .body("Name", equalTo("renamed"))
                .body("Peers", equalTo(java.util.List.of()))
                .body("LastUpdated", equalTo((int) api.clock.instant().getEpochSecond()));
    }

    @Test
    void patchMayRepeatThePathsId() {
        String id = create(GROUP);
        given(http).contentType(ContentType.JSON).body("{\"ID\":\"" + id + "\",\"AppID\":\"other\"}")
                .patch("/groups/" + id).then().statusCode(200);
        given(http).get("/groups?app-id=other").then().body("$", hasKey(id));
        given(http).get("/groups?app-id=BabbleChat").then().body("$", anEmptyMap());
    }

    @Test
    void deleteAnswersTheOriginalsSentence() {
        String id = create(GROUP);
        String answer = given(http).delete("/groups/" + id).then().statusCode(200)
                .contentType(ContentType.TEXT).extract().asString();
        assertEquals("The group with ID " + id + " has been deleted successfully", answer);
        isError(given(http).get("/groups/" + id).then(), 404, "group " + id + " not found");
    }

    // --- TTL

    @Test
    void aGroupIsGoneOnceItsTtlPassesWithoutUpdate() {
        String id = create(GROUP);
        api.clock.advance(RunningApi.TTL);
        isError(given(http).get("/groups/" + id).then(), 404, "group " + id + " not found");
        given(http).get("/groups").then().body("$", anEmptyMap());
        assertEquals(1, api.server.sweeper().sweep());
        assertEquals(0, api.server.store().size());
    }

    @ParameterizedTest
    @CsvSource({"1, 10", "90, 90", "86400, 3600"})
    void aGroupsOwnTtlIsGrantedWithinTheBounds(long asked, long granted) {
        String id = create("{\"AppID\":\"a\",\"TTL\":" + asked + "}");
        given(http).get("/groups/" + id).then().body("TTL", equalTo((int) granted));
        api.clock.advance(Duration.ofSeconds(granted - 1));
        given(http).get("/groups/" + id).then().statusCode(200);
        api.clock.advance(Duration.ofSeconds(1));
        given(http).get("/groups/" + id).then().statusCode(404);
    }

    // --- errors: status, JSON body, nothing changed

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"AppID\":                         | malformed JSON at line 1, column 10",
            "not json                            | malformed JSON at line 1, column 5",
            "{\"AppID\":\"a\"} {}                | unexpected data after the JSON group",
            "{\"AppID\":5}                       | wrong type for AppID: expected a string",
            "{\"AppID\":\"a\",\"Peers\":{}}      | wrong type for Peers: expected an array",
            "{\"AppID\":\"a\",\"Peers\":[1]}     | wrong type for Peers[0]: expected an object",
            "{\"AppID\":\"a\",\"Peers\":[{\"NetAddr\":[]}]} | wrong type for Peers[0].NetAddr: expected a string",
            "{\"AppID\":\"a\",\"TTL\":\"60\"}    | wrong type for TTL: expected an integer",
            "{\"AppID\":\"a\",\"LastUpdated\":1.5} | wrong type for LastUpdated: expected an integer",
            "[]                                  | request body must be an object",
            "\"x\"                               | request body must be an object",
            "null                                | the request body must be a JSON group",
            "{}                                  | AppID is required",
            "{\"AppID\":\"  \"}                  | AppID is required",
            "{\"AppID\":\"a\",\"Peers\":[null]}  | Peers[0] is null",
            "{\"AppID\":\"a\",\"TTL\":0}         | TTL must be a positive number of seconds",
            "{\"AppID\":\"a\",\"ID\":\"a/b\"}    | ID may hold only letters, digits and . _ ~ -",
    })
    void aBadGroupIs400WithAMessageAndChangesNothing(String body, String message) {
        isError(given(http).contentType(ContentType.JSON).body(body).post("/group").then(), 400, message);
        assertEquals(0, api.server.store().size());
    }

    @Test
    void anEmptyBodyIs400() {
        isError(given(http).contentType(ContentType.JSON).post("/group").then(), 400,
                "the request body must be a JSON group");
    }

    @Test
    void tooManyPeersOrTooLongAFieldIs400() {
        String peers = String.join(",", java.util.Collections.nCopies(RunningApi.MAX_PEERS + 1, PEER));
        isError(given(http).contentType(ContentType.JSON).body("{\"AppID\":\"a\",\"Peers\":[" + peers + "]}")
                .post("/group").then(), 400, "Peers has 51 peers; at most 50 are allowed");
        isError(given(http).contentType(ContentType.JSON).body("{\"AppID\":\"" + "a".repeat(300) + "\"}")
                .post("/group").then(), 400, "AppID is longer than 256 characters");
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrChunked() {
        String big = "{\"AppID\":\"a\",\"Name\":\"" + "x".repeat((int) RunningApi.MAX_BODY) + "\"}";
        isError(given(http).contentType(ContentType.JSON).body(big).post("/group").then(), 413,
                "request body is larger than 65536 bytes");
        InputStream chunked = new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8));
        isError(given(http).contentType(ContentType.JSON).body(chunked).post("/group").then(), 413,
                "request body is larger than 65536 bytes");
        assertEquals(0, api.server.store().size());
    }

    @Test
    void aPatchWithAnotherIdIs400AndChangesNothing() {
        String id = create(GROUP);
        isError(given(http).contentType(ContentType.JSON).body("{\"ID\":\"other\",\"AppID\":\"x\"}")
                .patch("/groups/" + id).then(), 400, "the body's ID other differs from the path's " + id);
        given(http).get("/groups/" + id).then().body("AppID", equalTo("BabbleChat"));
        given(http).get("/groups/other").then().statusCode(404);
    }

    @Test
    void aBadPatchChangesNothing() {
        String id = create(GROUP);
        isError(given(http).contentType(ContentType.JSON).body("{\"AppID\":\"\"}").patch("/groups/" + id).then(),
                400, "AppID is required");
        isError(given(http).contentType(ContentType.JSON).body("{\"AppID\":").patch("/groups/" + id).then(),
                400, "malformed JSON at line 1, column 10");
        given(http).get("/groups/" + id).then().body("Name", equalTo("office group"));
    }

    @Test
    void unknownIdsAre404() {
        isError(given(http).get("/groups/nope").then(), 404, "group nope not found");
        isError(given(http).contentType(ContentType.JSON).body("{\"AppID\":\"a\"}").patch("/groups/nope").then(),
                404, "group nope not found");
        isError(given(http).delete("/groups/nope").then(), 404, "group nope not found");
        assertEquals(0, api.server.store().size());
    }

    @Test
    void unknownEndpointsAndMethodsAreJsonErrors() {
        isError(given(http).get("/nope").then(), 404, "no such endpoint: /nope");
        isError(given(http).contentType(ContentType.JSON).body(GROUP).put("/groups/x").then(), 405,
                "method not allowed on /groups/x; allowed: [DELETE, GET, OPTIONS, PATCH]")
                .header("Allow", containsString("PATCH"));
        isError(given(http).get("/group").then(), 405,
                "method not allowed on /group; allowed: [OPTIONS, POST]");
    }

    @Test
    void anUnacceptableAcceptHeaderIs406InJson() {
        given(http).accept("text/html").get("/groups").then().statusCode(406)
                .contentType(ContentType.JSON).body("status", equalTo(406));
    }

    @Test
    void errorsNeverCarryStackTracesOrClassNames() {
        String answer = given(http).contentType(ContentType.JSON).body("{\"AppID\":[1,{\"x\":").post("/group")
                .then().statusCode(400).extract().asString();
        assertEquals(false, answer.contains("Exception") || answer.contains("com.fasterxml") || answer.contains("\tat "),
                answer);
    }

    @Test
    void jettyLevelErrorsAreJsonToo() throws IOException {
        String answer = rawExchange("GET /groups HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(true, answer.startsWith("HTTP/1.1 431"), answer);
        assertEquals(true, answer.contains("application/json") && answer.contains("\"status\":431"), answer);
    }

    @Test
    void deeplyNestedJsonIsRefusedEarly() {
        String deep = "{\"AppID\":\"a\",\"Future\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        given(http).contentType(ContentType.JSON).body(deep).post("/group").then().statusCode(400)
                .body("error", allOf(not(nullValue()), matchesPattern(".*nested too deeply.*")));
    }


    /** Bytes exactly as written, for requests a well-behaved client library will not send. */
    private static String rawExchange(String request) throws IOException {
        SSLContext context = ClientTrust.skipVerify().sslContext();
        try (Socket plain = new Socket("127.0.0.1", api.server.port());
             SSLSocket socket = (SSLSocket) context.getSocketFactory()
                     .createSocket(plain, "localhost", api.server.port(), true)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
