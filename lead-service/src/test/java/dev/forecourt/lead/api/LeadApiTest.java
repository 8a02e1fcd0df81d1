package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.KnownCustomer;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.testing.ConsumerGroupAtEnd;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
@QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = @ResourceArg(name = "channel", value = "customer-events"))
class LeadApiTest {

    @Inject
    EntityManager em;

    static byte[] customerRegistered(UUID eventId, UUID customerId, String kind) {
        var event = new DomainEvent("forecourt.customer.registered.v1", "customer", customerId.toString(), "store-a",
                Map.of("customerId", customerId.toString(), "storeId", "store-a", "kind", kind, "lifecycleClass", "POTENTIAL"));
        byte[] data = ("{\"customerId\":\"" + customerId + "\",\"storeId\":\"store-a\",\"kind\":\"" + kind
                + "\",\"lifecycleClass\":\"POTENTIAL\"}").getBytes(StandardCharsets.UTF_8);
        return CloudEvents.serialize(CloudEvents.envelope(eventId, "/forecourt/customer-service", event, data, null));
    }

    KnownCustomer known(UUID customerId) {
        return QuarkusTransaction.requiringNew().call(() -> KnownCustomer.<KnownCustomer>findById(customerId));
    }

    long inboxRecords(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM inbox_event WHERE event_id = ?1").setParameter(1, eventId).getSingleResult()).longValue());
    }

    @Test
    void aCapturedLeadIsPublishedAndBelongsToTheConsultantWhoCapturedIt() {
        UUID customer = UUID.randomUUID();
        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            var created = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                    .body("{\"storeId\":\"store-a\",\"customerId\":\"" + customer + "\",\"source\":\"SHOWROOM\"}")
                    .when().post("/api/leads").then().statusCode(201)
                    .body("consultantId", equalTo(Tokens.subject("consultant.a")))
                    .body("grade", equalTo("C"))
                    .extract();
            String id = created.path("id");
            var received = events.awaitEvent(LeadEvents.CAPTURED, id, Duration.ofSeconds(10));
            assertEquals("store-a", received.event().getExtension("storeid"));
            EventSchemas.assertValid(received.value());

            given().header("Authorization", Tokens.bearer("consultant.a")).when().get(created.header("Location"))
                    .then().statusCode(200).body("lead.id", equalTo(id));
            given().header("Authorization", Tokens.bearer("consultant.b")).when().get(created.header("Location"))
                    .then().statusCode(404);
            given().header("Authorization", Tokens.bearer("manager.a")).when().get(created.header("Location"))
                    .then().statusCode(200);
        }
    }

    @Test
    void anInvalidCaptureNamesTheFields() {
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\"}")
                .when().post("/api/leads").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("customerId", "source"));
    }

    @Test
    void customersHeardOnCustomerEventsAreProjectedOnceEvenWhenRedelivered() {
        UUID customer = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaEvents.sendCloudEvent("customer-events", customer.toString(), customerRegistered(eventId, customer, "INDIVIDUAL"));
        await().atMost(Duration.ofSeconds(15)).until(() -> known(customer) != null);
        assertEquals("INDIVIDUAL", known(customer).kind);

        // The same event again (a redelivery), here even with altered data: nothing changes.
        KafkaEvents.sendCloudEvent("customer-events", customer.toString(), customerRegistered(eventId, customer, "COMPANY"));
        UUID marker = UUID.randomUUID();
        KafkaEvents.sendCloudEvent("customer-events", customer.toString(), customerRegistered(UUID.randomUUID(), marker, "COMPANY"));
        await().atMost(Duration.ofSeconds(15)).until(() -> known(marker) != null); // same partition: the duplicate came first
        assertEquals("INDIVIDUAL", known(customer).kind);
        assertEquals(1, inboxRecords(eventId));
    }

    /**
     * A bulk import's events are not read here: the relay names each record's type in a header, and a type
     * lead-service does not use is skipped unparsed (so even an unreadable one is not parked).
     */
    @Test
    void anImportsEventsAreSkippedUnreadByTheirTypeHeader() {
        String key = UUID.randomUUID().toString();
        byte[] unread = ("not read: " + key).getBytes(StandardCharsets.UTF_8);
        byte[] parked = ("parked: " + key).getBytes(StandardCharsets.UTF_8);
        try (KafkaEvents dlq = KafkaEvents.tail("lead-service.customer-events.dlq")) {
            KafkaEvents.send("customer-events", key, unread, Map.of("content-type", CloudEvents.CONTENT_TYPE,
                    CloudEvents.TYPE_HEADER, "forecourt.customer.imported.v1"));
            // unreadable bytes under a type it uses, after it on the same partition: parked
            KafkaEvents.send("customer-events", key, parked, Map.of("content-type", CloudEvents.CONTENT_TYPE,
                    CloudEvents.TYPE_HEADER, "forecourt.customer.registered.v1"));
            dlq.await(r -> java.util.Arrays.equals(r.value(), parked), Duration.ofSeconds(20));
            assertTrue(dlq.all().stream().noneMatch(r -> java.util.Arrays.equals(r.value(), unread)), "an unused type is not parked");
        }
    }

    /**
     * A lead's customer that lead-service has not heard of (an imported one) is known once customer-service
     * says it has it; a customer it does not have, or a customer-service that cannot be asked, is "not known".
     */
    @Test
    void aCustomerNotHeardOfIsKnownOnceCustomerServiceConfirmsIt() throws Exception {
        UUID imported = UUID.randomUUID();
        UUID nobody = UUID.randomUUID();
        String importedLead = capture(imported);
        String nobodysLead = capture(nobody);
        // customer-service away: not known, and nothing kept
        customerKnown(importedLead, false);
        try (var customerService = new CustomerServiceStandIn().start()) {
            customerService.existing.add(imported);
            // (awaited: other tests' reads while customer-service was away may have opened the circuit for 10 s)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> customerKnown(importedLead, true));
            customerKnown(nobodysLead, false);
            KnownCustomer kept = known(imported);
            assertEquals("COMPANY", kept.kind);
            assertEquals("store-a", kept.storeId);
            customerKnown(importedLead, true);
            assertEquals(1, customerService.summaries.stream().filter(imported.toString()::equals).count(),
                    "asked once: the answer is kept");
            assertTrue(customerService.authorizations.stream().allMatch(a -> a.startsWith("Bearer ")),
                    "asked with lead-service's own token");
        }
        assertEquals(null, known(nobody));
    }

    private static String capture(UUID customer) {
        return given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"customerId\":\"" + customer + "\",\"source\":\"SHOWROOM\"}")
                .when().post("/api/leads").then().statusCode(201).extract().path("id");
    }

    private static void customerKnown(String leadId, boolean known) {
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/leads/" + leadId)
                .then().statusCode(200).body("customerKnown", equalTo(known));
    }

    @Test
    void aPoisonEventIsParkedWithItsReasonAndDoesNotBlockThePartition() {
        String key = UUID.randomUUID().toString();
        UUID after = UUID.randomUUID();
        try (KafkaEvents dlq = KafkaEvents.tail("lead-service.customer-events.dlq")) {
            KafkaEvents.send("customer-events", key, "this is not a cloud event".getBytes(StandardCharsets.UTF_8));
            KafkaEvents.sendCloudEvent("customer-events", key, customerRegistered(UUID.randomUUID(), after, "INDIVIDUAL"));
            var parked = dlq.await(r -> new String(r.value(), StandardCharsets.UTF_8).equals("this is not a cloud event"),
                    Duration.ofSeconds(20));
            assertEquals(key, parked.key());
            org.junit.jupiter.api.Assertions.assertTrue(parked.headers().getOrDefault("dead-letter-reason", "")
                    .contains("not a structured JSON CloudEvent"), "reason recorded: " + parked.headers());
            await().atMost(Duration.ofSeconds(15)).until(() -> known(after) != null);
        }
    }
}
