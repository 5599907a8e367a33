package io.disco.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.disco.api.group.GroupQuota;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --max-groups} and {@code --max-groups-per-app} as a client sees them. */
class GroupQuotaHttpTest {

    private RunningApi api;
    private RequestSpecification http;

    @BeforeEach
    void start() throws Exception {
        api = new RunningApi(new GroupQuota(3, 2));
        http = new RequestSpecBuilder().setBaseUri(api.uri().toString()).setRelaxedHTTPSValidation()
                .setContentType(ContentType.JSON).build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ValidatableResponse post(String id, String app) {
        return given(http).body("{\"ID\":\"" + id + "\",\"AppID\":\"" + app + "\"}").post("/group").then();
    }

    private ValidatableResponse patch(String id, String app) {
        return given(http).body("{\"AppID\":\"" + app + "\"}").patch("/groups/" + id).then();
    }

    @Test
    void aCreatePastAnAppsLimitIs429AndPastTheTotal507WithTheJsonError() {
        post("1", "chat").statusCode(201);
        post("2", "chat").statusCode(201);
        post("3", "chat").statusCode(429).contentType(ContentType.JSON)
                .body("status", equalTo(429)).body("error", equalTo("application chat has 2 groups, its most"));
        post("3", "game").statusCode(201);
        post("4", "notes").statusCode(507).contentType(ContentType.JSON)
                .body("status", equalTo(507))
                .body("error", equalTo("the server keeps 3 groups, its most; try again when some have expired"));
        given(http).get("/groups/4").then().statusCode(404);
        assertEquals(3, api.server.store().size());
    }

    @Test
    void updatesStillWorkWhenFullButAMoveIntoAFullAppIs429() {
        post("1", "chat").statusCode(201);
        post("2", "chat").statusCode(201);
        post("3", "game").statusCode(201);

        post("1", "chat").statusCode(201);
        patch("2", "chat").statusCode(200);
        patch("3", "chat").statusCode(429).body("error", equalTo("application chat has 2 groups, its most"));
        given(http).get("/groups/3").then().statusCode(200).body("AppID", equalTo("game"));
        given(http).delete("/groups/1").then().statusCode(200);
        patch("3", "chat").statusCode(200);
    }
}
