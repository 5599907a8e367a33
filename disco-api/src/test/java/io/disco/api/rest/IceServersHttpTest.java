package io.disco.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.disco.api.apps.AppsConfig;
import io.disco.api.cors.WebOrigin;
import io.disco.api.ice.IceConfig;
import io.disco.api.ice.LocalRelay;
import io.disco.common.admin.AdminToken;
import io.disco.common.discovery.DiscoApiException;
import io.disco.common.discovery.DiscoClient;
import io.disco.common.discovery.GroupNotFoundException;
import io.disco.common.ice.IceServer;
import io.disco.common.ice.IceServers;
import io.disco.common.ice.IceUrl;
import io.disco.common.testing.TestTls;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /ice-servers} over real TLS, as a page's fetch and DiscoClient see it, in both modes. */
class IceServersHttpTest {

    private static final String ADMIN_TOKEN = "s3cret-admin-token";
    private static final String SECRET = "turn-shared-secret";
    private static final String PAGE = "https://chat.example.test";
    private static final List<String> TURN = List.of("turn:relay.example.org:3478?transport=udp",
            "turn:relay.example.org:3478?transport=tcp", "turns:relay.example.org:5349?transport=tcp");
    private static final String STUN = "stun:stun.example.org:3478";
    private static final Duration TTL = Duration.ofHours(2);

    private RunningApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static IceConfig ice(List<String> secrets, String... urls) {
        return new IceConfig(Stream.of(urls).map(IceUrl::parse).toList(), secrets, TTL);
    }

    private static String[] allUrls() {
        return Stream.concat(Stream.of(STUN), TURN.stream()).toArray(String[]::new);
    }

    private static AppsConfig registered() {
        return new AppsConfig(AppsConfig.Mode.REGISTERED, Optional.of(AdminToken.of(ADMIN_TOKEN)), Duration.ofHours(1));
    }

    private RequestSpecification http() {
        return given(new RequestSpecBuilder().setBaseUri(api.uri().toString()).setRelaxedHTTPSValidation().build());
    }

    private String register(String appId) {
        return http().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("{\"AppID\":\"" + appId + "\",\"Name\":\"" + appId + "\"}")
                .post("/apps").then().statusCode(201).extract().path("Key");
    }

    /** The expiry the server's clock and the TTL make, in Unix seconds. */
    private long expiry() {
        return api.clock.instant().plus(TTL).getEpochSecond();
    }

    /** The TURN REST API's password, computed here apart from the server's code. */
    private static String hmacSha1(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    private static ValidatableResponse isError(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(ContentType.JSON).body("status", equalTo(status));
    }

    @Test
    void inRegisteredModeTheAppsKeyGetsCredentialsInTheAppsName() throws Exception {
        api = new RunningApi(registered(), ice(List.of(SECRET, "rotated-out"), allUrls()), Optional.empty(), List.of());
        String key = register("com.example.chat");
        String username = expiry() + ":com.example.chat";

        http().header("Authorization", "Bearer com.example.chat:" + key).get("/ice-servers")
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("ttl", equalTo((int) TTL.toSeconds()))
                .body("iceServers.size()", equalTo(2))
                .body("iceServers[0].urls", equalTo(List.of(STUN)))
                .body("iceServers[0]", not(hasKey("username")))
                .body("iceServers[0]", not(hasKey("credential")))
                .body("iceServers[1].urls", equalTo(TURN))
                .body("iceServers[1].username", equalTo(username))
                .body("iceServers[1].credential", equalTo(hmacSha1(SECRET, username)));
    }

    @Test
    void theExpiryFollowsTheClock() throws Exception {
        api = new RunningApi(registered(), ice(List.of(SECRET), allUrls()), Optional.empty(), List.of());
        String key = register("chat");
        api.clock.advance(Duration.ofDays(1));
        // 2026-03-10T17:05:05Z and two hours.
        String username = Instant.parse("2026-03-10T19:05:05Z").getEpochSecond() + ":chat";
        http().header("Authorization", "Bearer chat:" + key).get("/ice-servers")
                .then().statusCode(200).body("iceServers[1].username", equalTo(username));
    }

    @Test
    void inRegisteredModeAMissingOrWrongKeyIs401() throws Exception {
        api = new RunningApi(registered(), ice(List.of(SECRET), allUrls()), Optional.empty(), List.of());
        String key = register("chat");
        isError(http().get("/ice-servers").then(), 401)
                .header("WWW-Authenticate", "Bearer realm=\"disco\"")
                .body("error", containsString("registered applications only"));
        isError(http().header("Authorization", "Bearer chat:" + key + "x").get("/ice-servers").then(), 401)
                .body("error", equalTo("the application key is wrong, or no longer works"));
        isError(http().header("Authorization", "Bearer other:" + key).get("/ice-servers").then(), 401);
    }

    @Test
    void inOpenModeWithASecretAnyoneGetsCredentialsWithoutAUser() throws Exception {
        api = new RunningApi(AppsConfig.open(), ice(List.of(SECRET), TURN.toArray(String[]::new)), Optional.empty(),
                List.of());
        String username = String.valueOf(expiry());
        http().get("/ice-servers").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("iceServers.size()", equalTo(1))
                .body("iceServers[0].urls", equalTo(TURN))
                .body("iceServers[0].username", equalTo(username))
                .body("iceServers[0].credential", equalTo(hmacSha1(SECRET, username)))
                .body("ttl", equalTo((int) TTL.toSeconds()));
    }

    @Test
    void withoutASecretThereAreNoCredentialsToIssue() throws Exception {
        api = new RunningApi(AppsConfig.open(), ice(List.of(), allUrls()), Optional.empty(), List.of());
        isError(http().get("/ice-servers").then(), 404)
                .body("error", equalTo("no TURN credentials to issue: this server has no --auth-secret"));
    }

    @Test
    void withoutASecretStunServersAloneAreHandedOut() throws Exception {
        api = new RunningApi(AppsConfig.open(), ice(List.of(), STUN), Optional.empty(), List.of());
        http().get("/ice-servers").then().statusCode(200)
                .body("iceServers.size()", equalTo(1))
                .body("iceServers[0].urls", equalTo(List.of(STUN)))
                .body("iceServers[0]", not(hasKey("username")))
                .body("iceServers[0]", not(hasKey("credential")));
    }

    @Test
    void withoutUrlsOrARelayInTheProcessThereIsNothingToHandOut() throws Exception {
        api = new RunningApi(AppsConfig.open(), ice(List.of(SECRET)), Optional.empty(), List.of());
        isError(http().get("/ice-servers").then(), 404)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("no ICE servers are configured on this server (--ice-url)"));
    }

    @Test
    void aRelayInTheProcessIsReachedAtTheHostTheRequestNamed() throws Exception {
        api = new RunningApi(AppsConfig.open(), ice(List.of(SECRET)), Optional.of(LocalRelay.of(() -> 3478, () -> 5349)),
                List.of());
        http().get("/ice-servers").then().statusCode(200).body("iceServers[0].urls",
                equalTo(List.of("turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp",
                        "turns:127.0.0.1:5349?transport=tcp")));
        given(new RequestSpecBuilder().setBaseUri(api.localhostUri().toString()).setRelaxedHTTPSValidation().build())
                .get("/ice-servers").then().statusCode(200).body("iceServers[0].urls",
                        equalTo(List.of("turn:localhost:3478?transport=udp", "turn:localhost:3478?transport=tcp",
                                "turns:localhost:5349?transport=tcp")));
    }

    @Test
    void configuredUrlsWinOverTheRelayInTheProcess() throws Exception {
        api = new RunningApi(AppsConfig.open(), ice(List.of(SECRET), STUN), Optional.of(LocalRelay.of(() -> 3478, () -> -1)),
                List.of());
        http().get("/ice-servers").then().statusCode(200).body("iceServers[0].urls", equalTo(List.of(STUN)));
    }

    @Test
    void aPageOfAnAllowedOriginMayFetchItWithItsKey() throws Exception {
        api = new RunningApi(registered(), ice(List.of(SECRET), allUrls()), Optional.empty(),
                List.of(WebOrigin.parse(PAGE)));
        String key = register("chat");
        http().header("Origin", PAGE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/ice-servers")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", PAGE)
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        http().header("Origin", PAGE).header("Authorization", "Bearer chat:" + key).get("/ice-servers")
                .then().statusCode(200).header("Access-Control-Allow-Origin", PAGE);
        isError(http().header("Origin", PAGE).get("/ice-servers").then(), 401)
                .header("Access-Control-Allow-Origin", PAGE);
    }

    @Test
    void discoClientGetsThemTyped() throws Exception {
        api = new RunningApi(registered(), ice(List.of(SECRET), allUrls()), Optional.empty(), List.of());
        String key = register("com.example.chat");
        try (DiscoClient client = DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile())
                .appKey("com.example.chat", key).build()) {
            IceServers servers = client.iceServers();
            String username = expiry() + ":com.example.chat";
            assertEquals(new IceServers(List.of(new IceServer(List.of(STUN), null, null),
                    new IceServer(TURN, username, hmacSha1(SECRET, username))), TTL.toSeconds()), servers);
        }
        try (DiscoClient keyless = DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile()).build()) {
            assertEquals(401, assertThrows(DiscoApiException.class, keyless::iceServers).status());
        }
    }

    @Test
    void discoClientSaysWhyAServerHasNone() throws Exception {
        api = new RunningApi(AppsConfig.open(), IceConfig.none(), Optional.empty(), List.of());
        try (DiscoClient client = DiscoClient.builder(api.localhostUri()).trustCertificate(TestTls.certFile()).build()) {
            DiscoApiException none = assertThrows(DiscoApiException.class, client::iceServers);
            assertFalse(none instanceof GroupNotFoundException, "no group was asked for");
            assertEquals(404, none.status());
            assertEquals("no ICE servers are configured on this server (--ice-url)", none.getMessage());
        }
    }
}
