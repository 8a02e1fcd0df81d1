package dev.forecourt.gateway.routing;

import dev.forecourt.gateway.idempotency.IdempotentCreates;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(EchoBackend.class)
class ServiceRoutesTest {

    @Test
    void anonymousCallsAreRefusedBeforeReachingAService() {
        given().when().get("/api/customers").then().statusCode(401);
    }

    @Test
    void anInvalidTokenIsRefused() {
        given().header("Authorization", "Bearer not-a-token").when().get("/api/customers").then().statusCode(401);
    }

    @Test
    void aCallWithATokenIsForwardedWithPathQueryAndToken() {
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .queryParam("limit", 5)
                .when().get("/api/customers/123").then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/customers/123?limit=5"))
                .body("bearer", equalTo(true));
    }

    @Test
    void aRequestBodyIsForwardedWhole() {
        String body = "{\"kind\":\"INDIVIDUAL\",\"note\":\"" + "x".repeat(20_000) + "\"}";
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .contentType("application/json").body(body)
                .when().post("/api/customers").then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length()));
    }

    @Test
    void theFrontEndOriginMayCallTheApiFromABrowser() {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/customers").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"));
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/customers").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    static io.restassured.specification.RequestSpecification create(String user, String key, String body) {
        return given().header("Authorization", Tokens.bearer(user)).header("Idempotency-Key", key)
                .contentType("application/json").body(body);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyGetsTheFirstAnswerAndReachesTheServiceOnce() {
        String key = UUID.randomUUID().toString();
        String body = "{\"kind\":\"INDIVIDUAL\"}";
        var first = create("consultant.a", key, body).when().post("/api/customers?status=201").then().statusCode(201)
                .header(IdempotentCreates.REPLAYED, "false").extract();
        int n = first.path("n");
        String location = first.header("Location");
        assertNotNull(location);
        create("consultant.a", key, body).header("X-Correlation-Id", "retry-1").when().post("/api/customers?status=201")
                .then().statusCode(201).header(IdempotentCreates.REPLAYED, "true").header("Location", location)
                .header("X-Correlation-Id", "retry-1")
                .contentType("application/json").body("n", equalTo(n));
        // Keys are per caller: another user's request with the same key is its own.
        create("manager.a", key, body).when().post("/api/customers?status=201").then().statusCode(201)
                .header(IdempotentCreates.REPLAYED, "false").body("n", not(equalTo(n)));
        // The same key for another request is refused, naming the header and the rule.
        create("consultant.a", key, "{\"kind\":\"COMPANY\"}").when().post("/api/customers?status=201").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key")).body("errors[0].rule", equalTo("SameRequest"));
    }

    @Test
    void aServerErrorIsNotKeptSoARetryWithTheSameKeyGoesThrough() {
        String key = UUID.randomUUID().toString();
        String uri = "/api/customers?status=201&fail-first=" + key;
        create("consultant.a", key, "{}").when().post(uri).then().statusCode(503);
        create("consultant.a", key, "{}").when().post(uri).then().statusCode(201)
                .header(IdempotentCreates.REPLAYED, "false");
        create("consultant.a", key, "{}").when().post(uri).then().statusCode(201)
                .header(IdempotentCreates.REPLAYED, "true");
    }

    @Test
    void aKeyThatIsNotValidIsRefusedBeforeReachingTheService() {
        create("consultant.a", "x".repeat(201), "{}").when().post("/api/customers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key")).body("errors[0].rule", equalTo("Pattern"));
    }

    @Test
    void anUnknownResourceIsNotFound() {
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .when().get("/api/no-such-thing").then().statusCode(404);
    }

    @Test
    void aServiceThatIsDownGivesBadGateway() {
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .header("X-Correlation-Id", "down-1")
                .when().get("/api/leads").then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("correlationId", equalTo("down-1"));
    }
}
