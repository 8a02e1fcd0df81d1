package dev.forecourt.e2e;

import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.Tokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records created through the gateway with real tokens arrive on Kafka as CloudEvents, are
 * consumed by other services, and survive the broker being stopped and started again.
 */
class EventsThroughTheStackTest {

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = System.getProperty("forecourt.gateway", "http://localhost:8080");
    }

    static String registerCustomer(String correlationId) {
        return given().header("Authorization", Tokens.bearer("consultant.a")).header("X-Correlation-Id", correlationId)
                .contentType("application/json").body("{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"sourceChannel\":\"SHOWROOM\"}")
                .when().post("/api/customers").then().statusCode(201)
                .header("X-Correlation-Id", equalTo(correlationId)).extract().path("id");
    }

    @Test
    void aCustomerAndALeadCreatedThroughTheGatewayArriveAsCloudEventsWithinASecond() {
        try (KafkaEvents customers = KafkaEvents.tail("customer-events"); KafkaEvents leads = KafkaEvents.tail("lead-events")) {
            String customerId = registerCustomer("e2e-customer-1");
            var registered = customers.awaitEvent("forecourt.customer.registered.v1", customerId, Duration.ofSeconds(1));
            assertEquals("1.0", registered.event().getSpecVersion().toString());
            assertEquals("/forecourt/customer-service", registered.event().getSource().toString());
            assertEquals("store-a", registered.event().getExtension("storeid"));
            assertEquals("e2e-customer-1", registered.event().getExtension("correlationid"));
            assertEquals(customerId, registered.key());
            // the type beside the event, for consumers that skip types unparsed
            assertEquals("forecourt.customer.registered.v1", registered.headers().get("ce_type"));

            String leadId = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                    .body("{\"storeId\":\"store-a\",\"customerId\":\"" + customerId + "\",\"source\":\"SHOWROOM\"}")
                    .when().post("/api/leads").then().statusCode(201).extract().path("id");
            var captured = leads.awaitEvent("forecourt.lead.captured.v1", leadId, Duration.ofSeconds(1));
            assertEquals("/forecourt/lead-service", captured.event().getSource().toString());
            assertEquals("application/json", captured.event().getDataContentType());

            // lead-service knows the customer (heard of on customer-events, or confirmed by customer-service).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/leads/" + leadId)
                            .then().statusCode(200).body("customerKnown", equalTo(true)));
        }
    }

    /**
     * lead-service acts on what it consumes: a customer merged in customer-service (into the record
     * registered first) takes its leads with it (forecourt.customer.merged.v1 re-points them, and
     * customer-linked says so on lead-events).
     */
    @Test
    void aMergeInCustomerServiceMovesTheMergedCustomersLeadInLeadService() {
        String phone = "139" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        String body = "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"sourceChannel\":\"SHOWROOM\",\"phones\":[\"" + phone + "\"]}";
        String survivor = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body(body).when().post("/api/customers").then().statusCode(201).extract().path("id");
        String merged = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body(body).when().post("/api/customers").then().statusCode(201).extract().path("id");
        String leadId = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"customerId\":\"" + merged + "\",\"source\":\"SHOWROOM\"}")
                .when().post("/api/leads").then().statusCode(201).extract().path("id");
        try (KafkaEvents leads = KafkaEvents.tail("lead-events")) {
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"customerIds\":[\"" + merged + "\",\"" + survivor + "\"],\"reason\":\"same person\"}")
                    .when().post("/api/customer-merges").then().statusCode(201).body("survivorId", equalTo(survivor));
            var linked = leads.awaitEvent("forecourt.lead.customer-linked.v1", leadId, Duration.ofSeconds(10));
            assertEquals(survivor, linked.data().get("customerId").asText());
        }
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/leads/" + leadId)
                .then().statusCode(200).body("lead.customerId", equalTo(survivor));
    }

    @Test
    void withTheBrokerStoppedCreatesSucceedAndEveryEventArrivesAfterItIsBack() throws Exception {
        stack("down", "kafka");
        String first;
        String second;
        try {
            first = registerCustomer("e2e-kafka-down-1");
            second = registerCustomer("e2e-kafka-down-2");
        } finally {
            stack("infra");
        }
        try (KafkaEvents customers = KafkaEvents.tail("customer-events")) {
            // The tail starts at the end: if the relay already caught up, read the last minute instead.
            customers.rewind(Duration.ofMinutes(1));
            customers.awaitEvent("forecourt.customer.registered.v1", first, Duration.ofSeconds(30));
            customers.awaitEvent("forecourt.customer.registered.v1", second, Duration.ofSeconds(30));
        }
    }

    static void stack(String... args) throws Exception {
        File root = new File(System.getProperty("forecourt.root", ".."));
        String[] command = new String[args.length + 1];
        command[0] = new File(root, "deploy/stack").getAbsolutePath();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(root).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("deploy/stack " + String.join(" ", args) + " failed");
        }
    }
}
