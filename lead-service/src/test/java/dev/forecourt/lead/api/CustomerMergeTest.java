package dev.forecourt.lead.api;

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
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.forecourt.lead.api.LeadFlowTest.call;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * customer-service merges two records and publishes forecourt.customer.merged.v1: the merged
 * record's leads and orders here must follow the survivor, and an undo must bring back exactly
 * those (DOMAIN.md: references re-pointed via a customer-merged event).
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
@QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = @ResourceArg(name = "channel", value = "customer-events"))
class CustomerMergeTest {

    @Inject
    EntityManager em;

    static byte[] mergeEvent(String type, UUID eventId, UUID mergeId, UUID survivor, String otherField, UUID other) {
        var event = new DomainEvent(type, "customer", survivor.toString(), "store-a", Map.of());
        byte[] data = ("{\"mergeId\":\"" + mergeId + "\",\"survivorId\":\"" + survivor + "\",\"" + otherField + "\":\""
                + other + "\",\"storeId\":\"store-a\"}").getBytes(StandardCharsets.UTF_8);
        return CloudEvents.serialize(CloudEvents.envelope(eventId, "/forecourt/customer-service", event, data, null));
    }

    static String captureFor(UUID customer, String model) {
        return given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"customerId\":\"" + customer + "\",\"source\":\"SHOWROOM\","
                        + "\"brand\":\"Volkswagen\",\"series\":\"Passat\",\"model\":\"" + model + "\"}")
                .when().post("/api/leads").then().statusCode(201).extract().path("id");
    }

    static String customerOfLead(String lead) {
        return call("consultant.a", "GET", "/api/leads/" + lead, null).path("lead.customerId");
    }

    static String customerOfOrder(String order) {
        return call("consultant.a", "GET", "/api/sales-orders/" + order, null).path("customerId");
    }

    long repoints(UUID mergeId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM customer_repoint WHERE merge_id = ?1").setParameter(1, mergeId).getSingleResult()).longValue());
    }

    @Test
    void aMergeMovesTheMergedCustomersLeadsAndOrdersToTheSurvivorAndItsUndoMovesThoseBack() {
        UUID merged = UUID.randomUUID();
        UUID survivor = UUID.randomUUID();
        UUID mergeId = UUID.randomUUID();
        String lead = captureFor(merged, "330TSI");
        var order = call("consultant.a", "POST", "/api/leads/" + lead + "/orders",
                "{\"brand\":\"Volkswagen\",\"series\":\"Passat\",\"model\":\"330TSI\",\"price\":235000,\"deposit\":5000}");
        assertEquals(201, order.statusCode(), order.asString());
        String orderId = order.path("id");
        assertEquals(merged.toString(), customerOfOrder(orderId));
        String survivorsOwn = captureFor(survivor, "380TSI");

        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            UUID mergeEvent = UUID.randomUUID();
            KafkaEvents.sendCloudEvent("customer-events", survivor.toString(),
                    mergeEvent("forecourt.customer.merged.v1", mergeEvent, mergeId, survivor, "mergedId", merged));
            await().atMost(Duration.ofSeconds(15)).until(() -> survivor.toString().equals(customerOfLead(lead)));
            assertEquals(survivor.toString(), customerOfOrder(orderId));
            var linked = events.awaitEvent(LeadEvents.CUSTOMER_LINKED, lead, Duration.ofSeconds(10));
            assertEquals(survivor.toString(), linked.data().get("customerId").asText());
            EventSchemas.assertValid(linked.value());
            assertEquals(2, repoints(mergeId)); // the lead and its order

            // A lead captured afterwards for the merged record (by a client that had not heard of the merge)
            // goes to the survivor. The same event delivered again moves nothing more and announces nothing more.
            String late = captureFor(merged, "280TSI");
            assertEquals(survivor.toString(), customerOfLead(late));
            KafkaEvents.sendCloudEvent("customer-events", survivor.toString(),
                    mergeEvent("forecourt.customer.merged.v1", mergeEvent, mergeId, survivor, "mergedId", merged));
            UUID marker = UUID.randomUUID();
            KafkaEvents.sendCloudEvent("customer-events", survivor.toString(),
                    LeadApiTest.customerRegistered(UUID.randomUUID(), marker, "INDIVIDUAL"));
            await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(
                    () -> dev.forecourt.lead.domain.KnownCustomer.findById(marker) != null)); // same partition: after the duplicate
            assertEquals(2, repoints(mergeId));
            assertEquals(1, events.all().stream().filter(r -> LeadEvents.CUSTOMER_LINKED.equals(r.event().getType())
                    && lead.equals(r.event().getSubject())).count());

            // Undone: what the merge moved goes back; the survivor's own lead stays with the survivor.
            KafkaEvents.sendCloudEvent("customer-events", survivor.toString(),
                    mergeEvent("forecourt.customer.merge-undone.v1", UUID.randomUUID(), mergeId, survivor, "restoredId", merged));
            await().atMost(Duration.ofSeconds(15)).until(() -> merged.toString().equals(customerOfLead(lead)));
            assertEquals(merged.toString(), customerOfOrder(orderId));
            assertEquals(survivor.toString(), customerOfLead(survivorsOwn));
            events.await(r -> LeadEvents.CUSTOMER_LINKED.equals(r.event().getType()) && lead.equals(r.event().getSubject())
                    && merged.toString().equals(r.data().get("customerId").asText()), Duration.ofSeconds(10));
        }
    }

    /**
     * A into B, then B into C: the two events are keyed by different survivors, so they may come in
     * either order. A's lead ends with C both ways, and a lead captured for A later goes to C too.
     */
    @Test
    void chainedMergesEndAtTheLastSurvivorInEitherOrderAndLaterLeadsFollow() {
        for (boolean inOrder : new boolean[]{true, false}) {
            UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
            String lead = captureFor(a, "330TSI");
            byte[] aIntoB = mergeEvent("forecourt.customer.merged.v1", UUID.randomUUID(), UUID.randomUUID(), b, "mergedId", a);
            byte[] bIntoC = mergeEvent("forecourt.customer.merged.v1", UUID.randomUUID(), UUID.randomUUID(), c, "mergedId", b);
            KafkaEvents.sendCloudEvent("customer-events", (inOrder ? b : c).toString(), inOrder ? aIntoB : bIntoC);
            KafkaEvents.sendCloudEvent("customer-events", (inOrder ? c : b).toString(), inOrder ? bIntoC : aIntoB);
            await().atMost(Duration.ofSeconds(15)).until(() -> c.toString().equals(customerOfLead(lead)));
            await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                    .createNativeQuery("SELECT count(*) FROM customer_alias WHERE merged_id IN (?1, ?2) AND survivor_id = ?3")
                    .setParameter(1, a).setParameter(2, b).setParameter(3, c).getSingleResult()).longValue() == 2));
            String later = captureFor(a, "380TSI");
            assertEquals(c.toString(), customerOfLead(later), "a lead for a merged-away record goes to its survivor");
        }
    }

    @Test
    void aMergeEventWithoutItsIdsIsParkedWithItsReason() {
        UUID survivor = UUID.randomUUID();
        try (KafkaEvents dlq = KafkaEvents.tail("lead-service.customer-events.dlq")) {
            var event = new DomainEvent("forecourt.customer.merged.v1", "customer", survivor.toString(), "store-a", Map.of());
            byte[] data = ("{\"survivorId\":\"" + survivor + "\",\"mergedId\":\"not-a-uuid\",\"storeId\":\"store-a\"}")
                    .getBytes(StandardCharsets.UTF_8);
            UUID eventId = UUID.randomUUID();
            KafkaEvents.sendCloudEvent("customer-events", survivor.toString(),
                    CloudEvents.serialize(CloudEvents.envelope(eventId, "/forecourt/customer-service", event, data, null)));
            var parked = dlq.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId.toString()),
                    Duration.ofSeconds(20));
            assertEquals(survivor.toString(), parked.key());
            org.junit.jupiter.api.Assertions.assertTrue(parked.headers().getOrDefault("dead-letter-reason", "")
                    .contains("mergeId"), "reason recorded: " + parked.headers());
        }
    }
}
