package dev.forecourt.gateway.routing;

import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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
