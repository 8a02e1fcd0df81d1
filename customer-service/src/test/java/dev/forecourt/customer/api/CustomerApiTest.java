package dev.forecourt.customer.api;

import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class CustomerApiTest {

    static final String PROBLEM = "application/problem+json";

    static ExtractableResponse<Response> register(String user, String body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json").body(body)
                .when().post("/api/customers").then().extract();
    }

    @Test
    void aRegisteredCustomerIsPublishedAsACloudEventWithItsSchema() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            var created = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"sourceChannel\":\"SHOWROOM\"}");
            assertEquals(201, created.statusCode());
            String id = created.path("id");
            assertEquals("\"0\"", created.header("ETag"));

            var received = events.awaitEvent(CustomerEvents.REGISTERED, id, Duration.ofSeconds(10));
            assertEquals(id, received.key(), "keyed by the aggregate id");
            assertEquals("/forecourt/customer-service", received.event().getSource().toString());
            assertEquals("store-a", received.event().getExtension("storeid"));
            assertEquals("https://forecourt.dev/schemas/events/forecourt.customer.registered.v1.json",
                    received.event().getDataSchema().toString());
            EventSchemas.assertValid(received.value());

            given().header("Authorization", Tokens.bearer("consultant.a"))
                    .when().get(created.header("Location")).then().statusCode(200)
                    .body("id", equalTo(id)).body("kind", equalTo("INDIVIDUAL")).body("sourceChannel", equalTo("SHOWROOM"));
        }
    }

    /**
     * Whoever runs the service sees the outbox relay in the liveness check: UP, with when it last
     * drained the outbox (after a registration's event went out).
     */
    @Test
    void theLivenessCheckReportsTheOutboxRelayDrainingTheOutbox() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String id = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\"}").path("id");
            events.awaitEvent(CustomerEvents.REGISTERED, id, Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/health/live").then()
                .statusCode(200)
                .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox-relay' }.data.enabled", equalTo(true))
                .body("checks.find { it.name == 'outbox-relay' }.data.lastDrained", notNullValue()));
    }

    @Test
    void anotherStoresCustomerIsNotFoundNotForbidden() {
        String id = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"COMPANY\"}").path("id");
        given().header("Authorization", Tokens.bearer("consultant.b"))
                .when().get("/api/customers/" + id).then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", Tokens.bearer("consultant.b"))
                .when().get("/api/customers").then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
    }

    @Test
    void registeringInAStoreYouDoNotActForIsForbidden() {
        var refused = register("consultant.b", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\"}");
        assertEquals(403, refused.statusCode());
        assertEquals(PROBLEM, refused.contentType());
    }

    @Test
    void invalidInputIsA422NamingEachFieldAndRule() {
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"\",\"sourceChannel\":\"walk in\"}")
                .when().post("/api/customers").then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("storeId"))
                .body("errors.field", hasItem("kind"))
                .body("errors.field", hasItem("sourceChannel"))
                .body("errors.find { it.field == 'storeId' }.rule", equalTo("NotBlank"));
    }

    @Test
    void malformedJsonIsA400() {
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\": \"store-a\", ")
                .when().post("/api/customers").then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Malformed JSON"));
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\": \"store-a\", \"kind\": \"ALIEN\"}")
                .when().post("/api/customers").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("kind"));
    }

    @Test
    void anUnknownIdIsA404Problem() {
        given().header("Authorization", Tokens.bearer("admin"))
                .when().get("/api/customers/5b0c6f5e-0000-4000-8000-000000000000").then().statusCode(404)
                .contentType(PROBLEM).body("status", equalTo(404)).body("instance", containsString("/api/customers/"));
    }

    @Test
    void updatesNeedTheCurrentVersionInIfMatch() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            var created = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\"}");
            String location = created.header("Location");
            String etag = created.header("ETag");
            String body = "{\"sourceChannel\":\"PHONE\"}";

            given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json").body(body)
                    .when().patch(location).then().statusCode(428).contentType(PROBLEM);
            String newTag = given().header("Authorization", Tokens.bearer("consultant.a")).header("If-Match", etag)
                    .contentType("application/json").body(body)
                    .when().patch(location).then().statusCode(200).body("sourceChannel", equalTo("PHONE"))
                    .extract().header("ETag");
            assertEquals("\"1\"", newTag);
            given().header("Authorization", Tokens.bearer("consultant.a")).header("If-Match", etag)
                    .contentType("application/json").body("{\"sourceChannel\":\"WEBSITE\"}")
                    .when().patch(location).then().statusCode(412).contentType(PROBLEM);

            var updated = events.awaitEvent(CustomerEvents.UPDATED, created.path("id"), Duration.ofSeconds(10));
            EventSchemas.assertValid(updated.value());
        }
    }

    @Test
    void theResponseCarriesTheCorrelationIdItWasGiven() {
        given().header("Authorization", Tokens.bearer("consultant.a")).header("X-Correlation-Id", "test-corr-1")
                .when().get("/api/customers").then().statusCode(200).header("X-Correlation-Id", equalTo("test-corr-1"))
                .body("items", notNullValue());
    }
}
