package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.lead.service.Linker;
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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ADF lead feeds: good, bad and mixed batches, and capture while customer-service is down. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
@QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = @ResourceArg(name = "channel", value = "customer-events"))
class LeadFeedTest {

    @Inject
    Linker linker;

    static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String prospect(String first, String last, String phone, String email, String model) {
        return "<prospect><requestdate>2026-11-23T10:15:00+08:00</requestdate>"
                + "<vehicle interest=\"buy\"><year>2026</year><make>Volkswagen</make><model>" + model + "</model><trim>330TSI</trim></vehicle>"
                + "<customer><contact>"
                + (first == null ? "" : "<name part=\"first\">" + first + "</name>")
                + (last == null ? "" : "<name part=\"last\">" + last + "</name>")
                + (phone == null ? "" : "<phone>" + phone + "</phone>")
                + (email == null ? "" : "<email>" + email + "</email>")
                + "</contact></customer><vendor><vendorname>Forecourt Motors</vendorname></vendor></prospect>";
    }

    static String adf(String... prospects) {
        return "<?adf version=\"1.0\"?><?xml version=\"1.0\"?><adf>" + String.join("", prospects) + "</adf>";
    }

    static ExtractableResponse<Response> post(String user, String document) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/xml").body(document)
                .queryParam("storeId", "store-a").queryParam("source", "AUTO_PORTAL")
                .when().post("/api/lead-feeds/adf").then().extract();
    }

    Lead lead(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Lead.<Lead>findById(UUID.fromString(id)));
    }

    @Test
    void aMixedBatchKeepsTheGoodProspectsAndNamesWhyEachBadOneWasRejected() throws Exception {
        String good = phone();
        try (var customerService = new CustomerServiceStandIn().start();
             KafkaEvents events = KafkaEvents.tail("lead-events")) {
            var r = post("manager.a", adf(
                    prospect("小明", "王", good, null, "Passat"),
                    prospect(null, null, phone(), null, "Passat"),            // no name: the parser refuses it
                    prospect("Li", "Lei", "12345", null, "Passat"),           // customer-service refuses the phone
                    prospect("Wei", "Zhang", null, "wei.zhang@example.com", "Tiguan L")));
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(4, (int) r.path("prospects"));
            assertEquals(2, (int) r.path("accepted.size()"));
            assertEquals(1, (int) r.path("accepted[0].index"));
            assertEquals(CustomerServiceStandIn.customerFor(good).toString(), r.path("accepted[0].customerId"));
            assertTrue((Boolean) r.path("accepted[0].linked"));
            assertEquals(4, (int) r.path("accepted[1].index"));
            assertEquals(2, (int) r.path("rejected[0].index"));
            assertTrue(r.<String>path("rejected[0].reason").contains("name"), r.asString());
            assertEquals(3, (int) r.path("rejected[1].index"));
            assertTrue(r.<String>path("rejected[1].reason").contains("phone: must be a mainland mobile number"), r.asString());

            String leadId = r.path("accepted[0].leadId");
            var captured = events.awaitEvent(LeadEvents.CAPTURED, leadId, Duration.ofSeconds(10));
            EventSchemas.assertValid(captured.value());
            assertEquals("AUTO_PORTAL", captured.data().get("source").asText());
            Lead lead = lead(leadId);
            assertEquals("Volkswagen", lead.brand);
            assertEquals("Passat", lead.series);
            assertEquals("330TSI", lead.model);
            // lead-service called customer-service with its own token, not anonymously.
            assertTrue(customerService.authorizations.stream().allMatch(a -> a.startsWith("Bearer ")));
        }
    }

    @Test
    void theSameProspectAgainIsFoldedIntoTheOpenLead() throws Exception {
        String phone = phone();
        try (var customerService = new CustomerServiceStandIn().start()) {
            String first = post("manager.a", adf(prospect("Lei", "Li", phone, null, "Passat"))).path("accepted[0].leadId");
            var again = post("manager.a", adf(prospect("Lei", "Li", phone, null, "Passat")));
            assertEquals(first, again.path("accepted[0].leadId"));
            assertTrue((Boolean) again.path("accepted[0].folded"));
            var otherModel = post("manager.a", adf(prospect("Lei", "Li", phone, null, "Tiguan L")));
            assertFalse((Boolean) otherModel.path("accepted[0].folded"), "another model is another lead");
        }
    }

    @Test
    void aLeadCapturedWhileCustomerServiceIsDownIsKeptSealedAndLinkedWhenItReturns() throws Exception {
        String phone = phone();
        // customer-service is not running: nothing listens on its port.
        var r = post("manager.a", adf(prospect("Fang", "Chen", phone, null, "Passat")));
        assertEquals(200, r.statusCode(), r.asString());
        assertFalse((Boolean) r.path("accepted[0].linked"));
        String leadId = r.path("accepted[0].leadId");
        Lead waiting = lead(leadId);
        assertNull(waiting.customerId);
        assertNotNull(waiting.contactEnc);
        String stored = new String(waiting.contactEnc, StandardCharsets.ISO_8859_1) + HexFormat.of().formatHex(waiting.contactEnc);
        assertFalse(stored.contains(phone) || stored.contains(HexFormat.of().formatHex(phone.getBytes(StandardCharsets.UTF_8))),
                "the waiting contact is sealed, not plain");
        // A manager can work it already; an order waits for the customer.
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"brand\":\"Volkswagen\",\"model\":\"330TSI\",\"price\":235000}")
                .when().post("/api/leads/" + leadId + "/orders").then().statusCode(409)
                .body("detail", containsString("not linked"));
        // Dealer IT sees what waits for customer-service, without its contact.
        given().header("Authorization", Tokens.bearer("manager.a")).queryParam("storeId", "store-a")
                .when().get("/api/lead-feeds/unlinked").then().statusCode(200)
                .body("find { it.leadId == '" + leadId + "' }.refusedBecause", org.hamcrest.Matchers.nullValue())
                .body("leadId", hasItem(leadId))
                .body(org.hamcrest.Matchers.not(containsString(phone)));
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("storeId", "store-a")
                .when().get("/api/lead-feeds/unlinked").then().statusCode(403);

        try (var customerService = new CustomerServiceStandIn().start();
             KafkaEvents events = KafkaEvents.tail("lead-events")) {
            linker.linkWaiting();
            var linked = events.awaitEvent(LeadEvents.CUSTOMER_LINKED, leadId, Duration.ofSeconds(10));
            EventSchemas.assertValid(linked.value());
            assertEquals(CustomerServiceStandIn.customerFor(phone).toString(), linked.data().get("customerId").asText());
            Lead now = lead(leadId);
            assertEquals(CustomerServiceStandIn.customerFor(phone), now.customerId);
            assertNull(now.contactEnc, "the contact is erased once linked");
        }
        given().header("Authorization", Tokens.bearer("manager.a")).queryParam("storeId", "store-a")
                .when().get("/api/lead-feeds/unlinked").then().statusCode(200)
                .body("leadId", org.hamcrest.Matchers.not(hasItem(leadId)));
    }

    @Test
    void aDocumentThatIsNotAdfIsRefusedWholeWithTheReason() {
        post("manager.a", "<adf><prospect>").response().then().statusCode(422)
                .body("errors.field", hasItem("document"));
        post("manager.a", "<leads><prospect/></leads>").response().then().statusCode(422)
                .body("errors.field", hasItem("document"));
        post("manager.a", "<?xml version=\"1.0\"?><!DOCTYPE adf [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><adf>"
                + prospect("&x;", "Li", phone(), null, "Passat") + "</adf>").response().then().statusCode(422)
                .body("errors.message", hasItem(containsString("DOCTYPE")));
        post("consultant.a", adf(prospect("Lei", "Li", phone(), null, "Passat"))).response().then().statusCode(403);
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/xml")
                .body(adf(prospect("Lei", "Li", phone(), null, "Passat"))).queryParam("storeId", "store-b")
                .when().post("/api/lead-feeds/adf").then().statusCode(equalTo(403));
    }
}
