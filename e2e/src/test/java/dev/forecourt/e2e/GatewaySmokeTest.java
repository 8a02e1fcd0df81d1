package dev.forecourt.e2e;

import dev.forecourt.platform.testing.Tokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The stack as the README starts it, through the gateway, with real Keycloak tokens: every
 * service answers its secured endpoint, and only with a token.
 */
class GatewaySmokeTest {

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = System.getProperty("forecourt.gateway", "http://localhost:8080");
    }

    @Test
    void withoutATokenTheApiIsClosed() {
        given().when().get("/api/customers").then().statusCode(401);
    }

    @ParameterizedTest(name = "{1} through the gateway as {0}")
    @CsvSource({
            "consultant.a, /api/customers",
            "consultant.a, /api/leads",
            "advisor.a,    /api/repair-orders",
            "advisor.a,    /api/parts",
            "manager.a,    /api/complaints"})
    void everyServiceAnswersThroughTheGatewayWithAToken(String user, String path) {
        given().header("Authorization", Tokens.bearer(user))
                .when().get(path).then().statusCode(200)
                .body("items", notNullValue());
    }

    @Test
    void aRegistrationRetriedWithItsIdempotencyKeyCreatesOneCustomer() {
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"sourceChannel\":\"SHOWROOM\"}";
        var first = given().header("Authorization", Tokens.bearer("consultant.a")).header("Idempotency-Key", key)
                .contentType("application/json").body(body)
                .when().post("/api/customers").then().statusCode(201).header("Idempotent-Replayed", "false")
                .header("ETag", notNullValue()).extract();
        String id = first.path("id");
        given().header("Authorization", Tokens.bearer("consultant.a")).header("Idempotency-Key", key)
                .contentType("application/json").body(body)
                .when().post("/api/customers").then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location"))).header("ETag", equalTo(first.header("ETag")))
                .body("id", equalTo(id));
    }

    @Test
    void aRoleWithoutAccessIsForbiddenByTheService() {
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .when().get("/api/repair-orders").then().statusCode(403);
    }

    @ParameterizedTest(name = "OpenAPI of {0} through the gateway")
    @CsvSource({
            "customer-service,   /api/customers",
            "lead-service,       /api/leads",
            "aftersales-service, /api/repair-orders",
            "parts-service,      /api/parts",
            "complaint-service,  /api/complaints"})
    void eachServiceDocumentIsServedForTheSwaggerUi(String service, String path) {
        given().when().get("/openapi/" + service).then().statusCode(200)
                .body("openapi", notNullValue())
                .body("paths", org.hamcrest.Matchers.hasKey(path));
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void oneMergedOpenApiDocumentCoversEveryService() {
        given().when().get("/openapi.json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/customers"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/leads"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/repair-orders"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/parts/{id}/receipts"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/complaints"))
                .body("x-forecourt-unavailable", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theGatewayIsReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
