package io.disco.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.disco.api.cors.WebOrigin;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a browser sees when a page from another origin uses the API ({@code --cors-origin}). */
class CrossOriginHttpTest {

    private static final String PAGE = "http://app.example.test:8080";
    private static final String GROUP = "{\"Name\":\"g\",\"AppID\":\"cors\"}";

    private static RunningApi open;
    private static RunningApi closed;

    @BeforeAll
    static void start() throws Exception {
        open = new RunningApi("127.0.0.1", List.of(WebOrigin.parse(PAGE)));
        closed = new RunningApi("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        open.close();
        closed.close();
    }

    private static RequestSpecification http(RunningApi api) {
        return new RequestSpecBuilder().setBaseUri(api.uri().toString()).setRelaxedHTTPSValidation().build();
    }

    @Test
    void aPreflightForAJsonPostFromAnAllowedOriginIsAnswered() {
        given(http(open)).header("Origin", PAGE).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/group")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", PAGE)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void aPageMayPresentAnAppKey() {
        given(http(open)).header("Origin", PAGE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/groups")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", PAGE)
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void updatesAndDeletesMayBePreflightedToo() {
        for (String method : List.of("PATCH", "DELETE")) {
            given(http(open)).header("Origin", PAGE).header("Access-Control-Request-Method", method)
                    .options("/group/some-id")
                    .then().statusCode(200).header("Access-Control-Allow-Methods", containsString(method));
        }
    }

    @Test
    void answersAndErrorsCarryTheOriginSoThePageCanReadThem() {
        String id = given(http(open)).header("Origin", PAGE).contentType(ContentType.JSON).body(GROUP)
                .post("/group")
                .then().statusCode(201).header("Access-Control-Allow-Origin", PAGE).extract().as(String.class);
        given(http(open)).header("Origin", PAGE).get("/groups?AppID=cors")
                .then().statusCode(200).header("Access-Control-Allow-Origin", PAGE).body(id + ".AppID", equalTo("cors"));
        given(http(open)).header("Origin", PAGE).get("/group/no-such-group")
                .then().statusCode(404).contentType(ContentType.JSON).header("Access-Control-Allow-Origin", PAGE);
    }

    @Test
    void anotherOriginIsServedWithoutPermissionForItsPage() {
        given(http(open)).header("Origin", "https://elsewhere.example.test").get("/groups")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void withoutTheFlagNoOriginIsAllowed() {
        given(http(closed)).header("Origin", PAGE).get("/groups")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        given(http(closed)).header("Origin", PAGE).header("Access-Control-Request-Method", "POST")
                .options("/group")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
