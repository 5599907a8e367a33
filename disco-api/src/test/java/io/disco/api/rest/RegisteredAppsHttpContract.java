package io.disco.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.disco.common.admin.AdminToken;
import io.disco.api.apps.AppsConfig;
import io.disco.api.store.StoreConfig;
import io.disco.common.apps.AppId;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registered mode and the admin API over real TLS, as curl sees them: every endpoint and every
 * refusal. Each store's test extends this class and says which store the server keeps.
 */
abstract class RegisteredAppsHttpContract {

    static final String ADMIN_TOKEN = "s3cret-admin-token";
    static final Duration GRACE = Duration.ofHours(1);
    private static final String KEY = "[A-Za-z0-9_-]{43}";

    @TempDir
    Path dir;

    private RunningApi api;
    private RequestSpecification http;
    private final List<AppId> deleted = new CopyOnWriteArrayList<>();

    /** The store the server keeps its groups and applications in, under {@code dir}. */
    protected abstract StoreConfig store(Path dir);

    static AppsConfig registered() {
        return new AppsConfig(AppsConfig.Mode.REGISTERED, Optional.of(AdminToken.of(ADMIN_TOKEN)), GRACE);
    }

    @BeforeEach
    void start() throws Exception {
        api = new RunningApi(store(dir), registered());
        api.server.apps().onDeleted(deleted::add);
        http = new RequestSpecBuilder().setBaseUri(api.uri().toString()).setRelaxedHTTPSValidation().build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private RequestSpecification admin() {
        return given(http).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    private RequestSpecification as(String appId, String key) {
        return given(http).header("Authorization", "Bearer " + appId + ":" + key);
    }

    /** Registers {@code appId} and answers its key. */
    private String register(String appId) {
        return admin().contentType(ContentType.JSON).body("{\"AppID\":\"" + appId + "\",\"Name\":\"" + appId + " app\"}")
                .post("/apps").then().statusCode(201).extract().path("Key");
    }

    private static String group(String appId) {
        return "{\"Name\":\"office\",\"AppID\":\"" + appId + "\",\"Peers\":[],\"GenesisPeers\":[]}";
    }

    private String create(String appId, String key) {
        return as(appId, key).contentType(ContentType.JSON).body(group(appId)).post("/group")
                .then().statusCode(201).extract().as(String.class);
    }

    private static ValidatableResponse isError(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(ContentType.JSON).body("status", equalTo(status));
    }

    // --- the admin API

    @Test
    void registeringAnswers201WithTheKeyShownOnce() {
        admin().contentType(ContentType.JSON).body("{\"AppID\":\"com.example.chat\",\"Name\":\"Chat\"}").post("/apps")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("AppID", equalTo("com.example.chat"))
                .body("Name", equalTo("Chat"))
                .body("Created", equalTo("2026-03-09T17:05:05Z"))
                .body("Key", matchesPattern(KEY));

        admin().get("/apps/com.example.chat").then().statusCode(200)
                .body("AppID", equalTo("com.example.chat"))
                .body("Name", equalTo("Chat"))
                .body("$", not(hasKey("Key")));
        register("com.example.game");
        admin().get("/apps").then().statusCode(200)
                .body("AppID", containsInAnyOrder("com.example.chat", "com.example.game"))
                .body("Key", containsInAnyOrder(nullValue(), nullValue()));
    }

    @Test
    void registeringATakenIdIs409() {
        register("chat");
        isError(admin().contentType(ContentType.JSON).body("{\"AppID\":\"chat\",\"Name\":\"again\"}").post("/apps")
                .then(), 409).body("error", equalTo("application chat is registered already"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"AppID\":\"two words\",\"Name\":\"x\"}", "{\"AppID\":\".chat\",\"Name\":\"x\"}",
            "{\"AppID\":\"\",\"Name\":\"x\"}", "{\"Name\":\"x\"}", "{\"AppID\":\"chat\"}",
            "{\"AppID\":\"chat\",\"Name\":\" \"}"})
    void aBadAppIdOrNoNameIs400(String body) {
        isError(admin().contentType(ContentType.JSON).body(body).post("/apps").then(), 400);
        admin().get("/apps").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anUnknownAppIs404() {
        isError(admin().get("/apps/nobody").then(), 404).body("error", equalTo("application nobody not found"));
        isError(admin().delete("/apps/nobody").then(), 404);
        isError(admin().post("/apps/nobody/keys").then(), 404);
    }

    @Test
    void theAdminApiNeedsTheAdminToken() {
        register("chat");
        for (RequestSpecification caller : List.of(given(http),
                given(http).header("Authorization", "Bearer wrong-token"),
                given(http).header("Authorization", "Basic " + ADMIN_TOKEN))) {
            isError(caller.get("/apps").then(), 401).header("WWW-Authenticate", "Bearer");
        }
        // An application's key is no admin token.
        String key = register("game");
        isError(as("game", key).delete("/apps/chat").then(), 401);
        admin().get("/apps/chat").then().statusCode(200);
    }

    @Test
    void deletingAnAppDeletesItsGroupsAndTellsTheListeners() {
        String chat = register("chat");
        String game = register("game");
        String first = create("chat", chat);
        String second = create("chat", chat);
        String other = create("game", game);

        admin().delete("/apps/chat").then().statusCode(204);

        assertEquals(List.of(new AppId("chat")), deleted);
        isError(admin().get("/apps/chat").then(), 404);
        assertFalse(api.server.store().get(first).isPresent());
        assertFalse(api.server.store().get(second).isPresent());
        as("game", game).get("/groups/" + other).then().statusCode(200);
        // Its key stops at once, though it was just verified.
        isError(as("chat", chat).get("/groups").then(), 401);
    }

    @Test
    void aNewKeyWorksAtOnceAndTheOldOneForTheGraceOnly() {
        String old = register("chat");
        String id = create("chat", old);

        String fresh = admin().post("/apps/chat/keys").then().statusCode(201)
                .body("AppID", equalTo("chat")).body("Key", matchesPattern(KEY)).extract().path("Key");
        assertNotEquals(old, fresh);

        as("chat", fresh).get("/groups/" + id).then().statusCode(200);
        as("chat", old).get("/groups/" + id).then().statusCode(200);
        api.clock.advance(GRACE.minusSeconds(1));
        as("chat", old).get("/groups").then().statusCode(200);
        api.clock.advance(Duration.ofSeconds(1));
        isError(as("chat", old).get("/groups").then(), 401);
        as("chat", fresh).get("/groups").then().statusCode(200);
    }

    // --- groups, each application's to its key

    @Test
    void aGroupRequestWithoutAKeyOrWithAWrongOneIs401() {
        String key = register("chat");
        String id = create("chat", key);
        String wrong = register("game");
        for (RequestSpecification caller : List.of(given(http), as("chat", wrong), as("nobody", key),
                given(http).header("Authorization", "Bearer " + key))) {
            // Reads and creates too: the handlers ahead of Jersey step aside in registered mode.
            isError(caller.get("/groups/" + id).then(), 401).header("WWW-Authenticate", "Bearer realm=\"disco\"");
            isError(caller.get("/groups").then(), 401);
            isError(caller.contentType(ContentType.JSON).body(group("chat")).post("/group").then(), 401);
            isError(caller.delete("/groups/" + id).then(), 401);
        }
        as("chat", key).get("/groups/" + id).then().statusCode(200).body("ID", equalTo(id));
    }

    @Test
    void anotherAppsGroupsAreInvisible() {
        String chat = register("chat");
        String game = register("game");
        String mine = create("chat", chat);
        String theirs = create("game", game);

        as("chat", chat).get("/groups").then().statusCode(200).body("$", hasKey(mine)).body("size()", equalTo(1));
        as("chat", chat).queryParam("app-id", "game").get("/groups").then().statusCode(200).body("$", anEmptyMap());
        as("chat", chat).queryParam("app-id", "chat").get("/groups").then().statusCode(200).body("size()", equalTo(1));
        isError(as("chat", chat).get("/groups/" + theirs).then(), 404)
                .body("error", equalTo("group " + theirs + " not found"));
        isError(as("chat", chat).contentType(ContentType.JSON).body(group("game")).patch("/groups/" + theirs).then(),
                404);
        isError(as("chat", chat).delete("/groups/" + theirs).then(), 404);
        as("game", game).get("/groups/" + theirs).then().statusCode(200).body("AppID", equalTo("game"));
    }

    @Test
    void writingAGroupOfAnotherAppIs403() {
        String chat = register("chat");
        register("game");
        isError(as("chat", chat).contentType(ContentType.JSON).body(group("game")).post("/group").then(), 403)
                .body("error", equalTo("the key presented is application chat's: it writes no group of application game"));
        String mine = create("chat", chat);
        isError(as("chat", chat).contentType(ContentType.JSON).body(group("game")).patch("/groups/" + mine).then(),
                403);
        as("chat", chat).get("/groups/" + mine).then().statusCode(200).body("AppID", equalTo("chat"));
        assertEquals(0, api.server.store().countByApp("game"));
    }

    @Test
    void creatingAGroupWithAnIdAnotherAppHoldsIs409() {
        String chat = register("chat");
        String game = register("game");
        String theirs = create("game", game);
        isError(as("chat", chat).contentType(ContentType.JSON)
                .body("{\"ID\":\"" + theirs + "\",\"Name\":\"x\",\"AppID\":\"chat\"}").post("/group").then(), 409);
        as("game", game).get("/groups/" + theirs).then().statusCode(200).body("AppID", equalTo("game"));
    }

    @Test
    void anAppUpdatesAndDeletesItsOwnGroups() {
        String chat = register("chat");
        String id = create("chat", chat);
        as("chat", chat).contentType(ContentType.JSON).body("{\"Name\":\"renamed\",\"AppID\":\"chat\"}")
                .patch("/groups/" + id).then().statusCode(200);
        as("chat", chat).get("/groups/" + id).then().statusCode(200).body("Name", equalTo("renamed"));
        as("chat", chat).delete("/groups/" + id).then().statusCode(200);
        isError(as("chat", chat).get("/groups/" + id).then(), 404);
    }

    @Test
    void repeatedWrongCredentialsFromOneAddressAre429() {
        String key = register("chat");
        int refused = 0;
        ValidatableResponse last = null;
        while (refused < 100) {
            last = as("chat", "x" + key.substring(1)).get("/groups").then();
            if (last.extract().statusCode() != 401) {
                break;
            }
            refused++;
        }
        assertEquals(20, refused);
        isError(last, 429).header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // The right key waits too: the address spent its budget.
        isError(as("chat", key).get("/groups").then(), 429);
        isError(given(http).header("Authorization", "Bearer wrong").get("/apps").then(), 429);
        api.clock.advance(Duration.ofMinutes(1));
        as("chat", key).get("/groups").then().statusCode(200);
    }
}
