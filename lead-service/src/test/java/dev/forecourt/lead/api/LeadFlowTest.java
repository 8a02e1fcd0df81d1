package dev.forecourt.lead.api;

import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.lead.service.OverdueScan;
import dev.forecourt.platform.testing.ConsumerGroupAtEnd;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lead worked from capture to delivery or defeat, against real PostgreSQL, Kafka and Keycloak. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
@QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = @ResourceArg(name = "channel", value = "customer-events"))
class LeadFlowTest {

    /** A real-world VIN with a correct check digit (customer-service checks it when it consumes a delivery). */
    static final String VIN = "1M8GDM9AXKP042788";

    @Inject
    EntityManager em;

    @Inject
    OverdueScan scan;

    static String capture(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"customerId\":\"" + UUID.randomUUID() + "\",\"source\":\"SHOWROOM\","
                        + "\"brand\":\"Volkswagen\",\"series\":\"Passat\",\"model\":\"330TSI\"}")
                .when().post("/api/leads").then().statusCode(201).extract().path("id");
    }

    static ExtractableResponse<Response> call(String user, String method, String path, String body) {
        var request = given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
        if (body != null) {
            request.body(body);
        }
        return request.when().request(method, path).then().extract();
    }

    Instant nextDue(String lead) {
        return QuarkusTransaction.requiringNew().call(() -> (Instant) em.createNativeQuery(
                "SELECT next_due_at FROM lead WHERE id = ?1", Instant.class).setParameter(1, UUID.fromString(lead)).getSingleResult());
    }

    void setNextDue(String lead, Instant due) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE lead SET next_due_at = ?2 WHERE id = ?1")
                .setParameter(1, UUID.fromString(lead)).setParameter(2, due).executeUpdate());
    }

    long notices(String lead) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM overdue_notice WHERE lead_id = ?1").setParameter(1, UUID.fromString(lead))
                .getSingleResult()).longValue());
    }

    long unpublished() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event").getSingleResult()).longValue());
    }

    @Test
    void raisingAndLoweringTheGradePublishesItAndTheCadenceSetsTheNextFollowUp() {
        String lead = capture("consultant.a");
        Instant before = Instant.now();
        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            call("consultant.a", "PUT", "/api/leads/" + lead + "/grade", "{\"grade\":\"H\",\"reason\":\"colour chosen, loan in progress\"}")
                    .response().then().statusCode(200).body("grade", equalTo("H"));
            var up = events.awaitEvent(LeadEvents.UPGRADED, lead, Duration.ofSeconds(10));
            EventSchemas.assertValid(up.value());
            assertEquals("C", up.data().get("from").asText());
            assertEquals("H", up.data().get("to").asText());
            assertEquals("colour chosen, loan in progress", up.data().get("reason").asText());
            // H: every 2 days.
            Duration untilDue = Duration.between(before, nextDue(lead));
            assertTrue(untilDue.compareTo(Duration.ofDays(2).minusMinutes(1)) > 0 && untilDue.compareTo(Duration.ofDays(2).plusMinutes(1)) < 0,
                    "H is due in two days, was " + untilDue);

            call("consultant.a", "PUT", "/api/leads/" + lead + "/grade", "{\"grade\":\"B\",\"reason\":\"budget moved to next quarter\"}")
                    .response().then().statusCode(200).body("grade", equalTo("B"));
            var down = events.awaitEvent(LeadEvents.DOWNGRADED, lead, Duration.ofSeconds(10));
            EventSchemas.assertValid(down.value());
            assertEquals("B", down.data().get("to").asText());
            untilDue = Duration.between(before, nextDue(lead));
            assertTrue(untilDue.compareTo(Duration.ofDays(15).minusMinutes(1)) > 0 && untilDue.compareTo(Duration.ofDays(15).plusMinutes(1)) < 0,
                    "B is due in fifteen days, was " + untilDue);
        }
        call("consultant.a", "PUT", "/api/leads/" + lead + "/grade", "{\"grade\":\"Z\",\"reason\":\"x\"}")
                .response().then().statusCode(400).body("errors.field", hasItem("grade"));
        call("consultant.a", "PUT", "/api/leads/" + lead + "/grade", "{\"grade\":\"A\"}")
                .response().then().statusCode(422).body("errors.field", hasItem("reason"));
    }

    @Test
    void aFollowUpRecordsTheResponseTimeAndMovesTheNextDueTimeByTheGradesCadence() {
        String lead = capture("consultant.a");
        Instant before = Instant.now();
        call("consultant.a", "POST", "/api/leads/" + lead + "/follow-ups",
                "{\"channel\":\"PHONE\",\"content\":\"called about the test drive\",\"outcome\":\"interested\",\"nextStep\":\"book a test drive\"}")
                .response().then().statusCode(201).body("channel", equalTo("PHONE"));
        call("consultant.a", "GET", "/api/leads/" + lead, null).response().then().statusCode(200)
                .body("lead.stage", equalTo("CONTACTED"))
                .body("lead.responseMinutes", equalTo(0));
        Duration untilDue = Duration.between(before, nextDue(lead));
        assertTrue(untilDue.compareTo(Duration.ofDays(30).minusMinutes(1)) > 0, "C is due in 30 days, was " + untilDue);
        call("consultant.a", "GET", "/api/leads/" + lead + "/follow-ups", null).response().then().statusCode(200)
                .body("[0].nextStep", equalTo("book a test drive"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/follow-ups", "{\"content\":\"no channel\"}")
                .response().then().statusCode(422).body("errors.field", hasItem("channel"));
    }

    @Test
    void anOverdueFollowUpIsFlaggedToTheConsultantAtItsDueTimeAndToTheManagerADayLaterOnceEach() {
        String lead = capture("consultant.a");
        // A due time far in the past, so no other lead of the shared database is due with it.
        Instant due = Instant.parse("2020-03-01T09:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xFFFF);
        setNextDue(lead, due);
        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            scan.run(due.minusSeconds(1));
            assertEquals(0, notices(lead), "not due yet");

            scan.run(due);
            var consultant = events.await(r -> LeadEvents.FOLLOW_UP_OVERDUE.equals(r.event().getType())
                    && lead.equals(r.event().getSubject()), Duration.ofSeconds(10));
            EventSchemas.assertValid(consultant.value());
            assertEquals("CONSULTANT", consultant.data().get("level").asText());
            assertEquals(Tokens.subject("consultant.a"), consultant.data().get("consultantId").asText());
            assertEquals(1, notices(lead));

            scan.run(due.plus(23, ChronoUnit.HOURS));
            assertEquals(1, notices(lead), "the manager hears of it only a day after the due time");
            scan.run(due.plus(1, ChronoUnit.DAYS));
            var manager = events.await(r -> LeadEvents.FOLLOW_UP_OVERDUE.equals(r.event().getType())
                    && lead.equals(r.event().getSubject()) && "MANAGER".equals(r.data().get("level").asText()),
                    Duration.ofSeconds(10));
            assertEquals(due.toString(), Instant.parse(manager.data().get("dueAt").asText()).toString());

            // Scans again (a restart, another interval): nothing more.
            scan.run(due.plus(3, ChronoUnit.DAYS));
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
            assertEquals(2, notices(lead));
            assertEquals(2, events.all().stream().filter(r -> r.event() != null && lead.equals(r.event().getSubject())
                    && LeadEvents.FOLLOW_UP_OVERDUE.equals(r.event().getType())).count());
        }
    }

    @Test
    void twoReplicasScanningAtOnceRaiseEachFlagOnce() throws Exception {
        String lead = capture("consultant.a");
        Instant due = Instant.parse("2020-06-01T09:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xFFFF);
        setNextDue(lead, due);
        Instant now = due.plus(2, ChronoUnit.DAYS);
        try (KafkaEvents events = KafkaEvents.tail("lead-events");
             ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            Callable<Integer> replica = () -> scan.run(now);
            List<Future<Integer>> runs = replicas.invokeAll(List.of(replica, replica, replica, replica));
            for (Future<Integer> run : runs) {
                run.get();
            }
            events.awaitCount(1, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
            assertEquals(2, notices(lead), "a consultant flag and a manager flag");
            await().atMost(Duration.ofSeconds(10)).until(() -> events.all().stream().filter(r -> r.event() != null
                    && lead.equals(r.event().getSubject()) && LeadEvents.FOLLOW_UP_OVERDUE.equals(r.event().getType())).count() >= 2);
            assertEquals(2, events.all().stream().filter(r -> r.event() != null && lead.equals(r.event().getSubject())
                    && LeadEvents.FOLLOW_UP_OVERDUE.equals(r.event().getType())).count());
        }
    }

    @Test
    void aDefeatRequestIsReturnedOrApprovedByAManagerAndTheApprovalIsPublished() {
        String lead = capture("consultant.a");
        call("consultant.a", "POST", "/api/leads/" + lead + "/defeat-request", "{\"reason\":\"COMPETITOR\"}")
                .response().then().statusCode(422).body("errors.field", hasItem("competitor"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/defeat-request",
                "{\"reason\":\"COMPETITOR\",\"competitor\":\"Toyota Camry\",\"note\":\"better price\"}")
                .response().then().statusCode(201).body("status", equalTo("REQUESTED"));
        call("consultant.a", "GET", "/api/leads/" + lead, null).response().then().body("lead.stage", equalTo("DEFEAT_REQUESTED"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/defeat-request/decision", "{\"decision\":\"APPROVE\"}")
                .response().then().statusCode(403);

        call("manager.a", "POST", "/api/leads/" + lead + "/defeat-request/decision", "{\"decision\":\"RETURN\",\"note\":\"try a test drive\"}")
                .response().then().statusCode(200).body("status", equalTo("RETURNED"));
        call("consultant.a", "GET", "/api/leads/" + lead, null).response().then().body("lead.stage", equalTo("NEW"));

        call("consultant.a", "POST", "/api/leads/" + lead + "/defeat-request", "{\"reason\":\"PRICE\"}")
                .response().then().statusCode(201);
        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            call("manager.a", "POST", "/api/leads/" + lead + "/defeat-request/decision", "{\"decision\":\"APPROVE\"}")
                    .response().then().statusCode(200).body("status", equalTo("APPROVED"));
            var defeated = events.awaitEvent(LeadEvents.DEFEATED, lead, Duration.ofSeconds(10));
            EventSchemas.assertValid(defeated.value());
            assertEquals("PRICE", defeated.data().get("reason").asText());
        }
        call("consultant.a", "GET", "/api/leads/" + lead, null).response().then().body("lead.stage", equalTo("DEFEATED"))
                .body("lead.nextDueAt", equalTo(null));
        call("consultant.a", "POST", "/api/leads/" + lead + "/follow-ups", "{\"channel\":\"PHONE\",\"content\":\"too late\"}")
                .response().then().statusCode(409);
        call("manager.a", "POST", "/api/leads/" + lead + "/defeat-request/decision", "{\"decision\":\"APPROVE\"}")
                .response().then().statusCode(409);
    }

    @Test
    void anOrderGoesFromDepositToDeliveryRefusingIllegalMovesAndPublishesTheDelivery() {
        String lead = capture("consultant.a");
        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            var order = call("consultant.a", "POST", "/api/leads/" + lead + "/orders",
                    "{\"brand\":\"Volkswagen\",\"series\":\"Passat\",\"model\":\"330TSI\",\"price\":235000,\"deposit\":5000,"
                            + "\"finance\":true,\"insurance\":true}");
            assertEquals(201, order.statusCode(), order.asString());
            String orderId = order.path("id");
            assertEquals("ORDERED", order.path("status"));
            // A deposit of 5,000 CNY makes the lead grade O.
            var up = events.awaitEvent(LeadEvents.UPGRADED, lead, Duration.ofSeconds(10));
            assertEquals("O", up.data().get("to").asText());
            call("consultant.a", "GET", "/api/leads/" + lead, null).response().then()
                    .body("lead.grade", equalTo("O")).body("lead.stage", equalTo("ORDERED"));

            call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/delivery", "{\"deliveredOn\":\"2026-11-20\"}")
                    .response().then().statusCode(409).body("detail", containsString("allowed"));
            call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/allocation", "{\"vin\":\"1M8GDM9AXKP04278O\"}")
                    .response().then().statusCode(422).body("errors.field", hasItem("vin"));
            // A mistyped character fails the check digit here, not later at customer-service's consumer.
            call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/allocation", "{\"vin\":\"1M8GDM9AXKP042789\"}")
                    .response().then().statusCode(422).body("errors.field", hasItem("vin"))
                    .body("detail", containsString("check digit"));
            call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/allocation", "{\"vin\":\"" + VIN + "\"}")
                    .response().then().statusCode(200).body("status", equalTo("ALLOCATED"));
            call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/inspection", null)
                    .response().then().statusCode(200).body("status", equalTo("INSPECTED"));
            call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/delivery", "{\"deliveredOn\":\"2026-11-20\"}")
                    .response().then().statusCode(200).body("status", equalTo("DELIVERED"));

            var delivered = events.awaitEvent(LeadEvents.VEHICLE_DELIVERED, orderId, Duration.ofSeconds(10));
            EventSchemas.assertValid(delivered.value());
            assertEquals(VIN, delivered.data().get("vin").asText());
            assertEquals("235000.00", delivered.data().get("price").get("amount").asText());
            assertEquals("CNY", delivered.data().get("price").get("currency").asText());
            assertEquals("2026-11-20", delivered.data().get("deliveredOn").asText());
            assertEquals(lead, delivered.data().get("leadId").asText());
            assertEquals(Tokens.subject("consultant.a"), delivered.data().get("consultantId").asText());

            call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/cancellation", "{\"reason\":\"changed mind\"}")
                    .response().then().statusCode(409);
            // The delivered car cannot be allocated to another order.
            String lead2 = capture("consultant.a");
            String order2 = call("consultant.a", "POST", "/api/leads/" + lead2 + "/orders",
                    "{\"brand\":\"Volkswagen\",\"model\":\"330TSI\",\"price\":235000}").path("id");
            call("consultant.a", "POST", "/api/sales-orders/" + order2 + "/allocation", "{\"vin\":\"" + VIN + "\"}")
                    .response().then().statusCode(409).body("detail", containsString("already allocated"));
            call("consultant.a", "GET", "/api/leads/" + lead, null).response().then()
                    .body("lead.stage", equalTo("DELIVERED")).body("lead.nextDueAt", equalTo(null));
        }
    }

    @Test
    void aCancelledOrderReleasesItsCarAndLeavesTheLeadOpen() {
        String lead = capture("consultant.a");
        String orderId = call("consultant.a", "POST", "/api/leads/" + lead + "/orders",
                "{\"brand\":\"Audi\",\"model\":\"A6L 45TFSI\",\"price\":420000,\"deposit\":2000}").path("id");
        call("consultant.a", "GET", "/api/leads/" + lead, null).response().then().body("lead.grade", equalTo("C"));
        call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/cancellation", "{\"reason\":\"finance refused\"}")
                .response().then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("finance refused"));
        call("consultant.a", "GET", "/api/leads/" + lead, null).response().then().body("lead.stage", equalTo("QUOTED"))
                .body("lead.nextDueAt", notNullValue());
        call("consultant.a", "POST", "/api/sales-orders/" + orderId + "/allocation", "{\"vin\":\"" + VIN + "\"}")
                .response().then().statusCode(409);
    }

    @Test
    void consultantsSeeOnlyTheirOwnLeadsAndOrdersAndManagersReassignWithHistory() {
        String lead = capture("consultant.a");
        String orderId = call("consultant.a", "POST", "/api/leads/" + lead + "/orders",
                "{\"brand\":\"Audi\",\"model\":\"Q5L\",\"price\":390000}").path("id");
        call("consultant.b", "GET", "/api/leads/" + lead, null).response().then().statusCode(404);
        call("consultant.b", "PUT", "/api/leads/" + lead + "/grade", "{\"grade\":\"A\",\"reason\":\"x\"}").response().then().statusCode(404);
        call("consultant.b", "GET", "/api/sales-orders/" + orderId, null).response().then().statusCode(404);
        call("consultant.b", "GET", "/api/leads?limit=200", null).response().then().statusCode(200)
                .body("items.id", not(hasItem(lead)));
        call("consultant.a", "PUT", "/api/leads/" + lead + "/consultant", "{\"consultantId\":\"someone\"}")
                .response().then().statusCode(403);

        // A lead of the same store that is not theirs: captured by the manager, not yet assigned.
        String unassigned = capture("manager.a");
        call("consultant.a", "GET", "/api/leads/" + unassigned, null).response().then().statusCode(404);
        call("manager.a", "GET", "/api/leads/" + unassigned, null).response().then().statusCode(200)
                .body("lead.consultantId", equalTo(null));

        String b = Tokens.subject("consultant.b");
        call("manager.a", "PUT", "/api/leads/" + lead + "/consultant", "{\"consultantId\":\"" + b + "\",\"reason\":\"holiday cover\"}")
                .response().then().statusCode(200).body("consultantId", equalTo(b));
        call("manager.a", "GET", "/api/leads/" + lead + "/assignments", null).response().then().statusCode(200)
                .body("[0].consultantId", equalTo(Tokens.subject("consultant.a")))
                .body("[1].consultantId", equalTo(b))
                .body("[1].previousConsultantId", equalTo(Tokens.subject("consultant.a")))
                .body("[1].reason", equalTo("holiday cover"));
    }
}
