package dev.forecourt.lead.api;

import dev.forecourt.lead.reports.LeadFunnelCounts;
import dev.forecourt.lead.reports.StoreReports;
import dev.forecourt.platform.testing.ConsumerGroupAtEnd;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.forecourt.lead.api.LeadFlowTest.call;
import static dev.forecourt.lead.api.LeadFlowTest.capture;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The store manager's funnel and traffic over leads whose outcome the test knows. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
@QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = @ResourceArg(name = "channel", value = "customer-events"))
class LeadReportTest {

    @Inject
    EntityManager em;

    @Inject
    StoreReports reports;

    @Inject
    LeadFunnelCounts counts;

    @Test
    void theFunnelCountsEachLeadUpToTheFurthestStageItReachedWithConversionRates() {
        String stays = capture("consultant.a");
        String contacted = capture("consultant.a");
        String delivered = capture("consultant.a");
        String defeated = capture("consultant.a");
        call("consultant.a", "POST", "/api/leads/" + contacted + "/follow-ups", "{\"channel\":\"PHONE\",\"content\":\"first call\"}");
        call("consultant.a", "POST", "/api/leads/" + delivered + "/follow-ups", "{\"channel\":\"STORE_VISIT\",\"content\":\"came back\"}");
        String order = call("consultant.a", "POST", "/api/leads/" + delivered + "/orders",
                "{\"brand\":\"Volkswagen\",\"model\":\"330TSI\",\"price\":235000,\"deposit\":10000}").path("id");
        // Another car than LeadFlowTest's: a VIN is allocated to one live or delivered order only.
        call("consultant.a", "POST", "/api/sales-orders/" + order + "/allocation", "{\"vin\":\"1HGCM82633A004352\"}")
                .response().then().statusCode(200);
        call("consultant.a", "POST", "/api/sales-orders/" + order + "/inspection", null);
        call("consultant.a", "POST", "/api/sales-orders/" + order + "/delivery", "{\"deliveredOn\":\"2026-11-20\"}")
                .response().then().statusCode(200);
        call("consultant.a", "POST", "/api/leads/" + defeated + "/defeat-request", "{\"reason\":\"PRICE\"}");
        call("manager.a", "POST", "/api/leads/" + defeated + "/defeat-request/decision", "{\"decision\":\"APPROVE\"}")
                .response().then().statusCode(200);

        // Move the four leads to a day of their own, so the report sees exactly them.
        LocalDate day = LocalDate.of(2019, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        var noon = day.atTime(12, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE lead SET created_at = ?1 WHERE id IN (?2, ?3, ?4, ?5)")
                .setParameter(1, noon).setParameter(2, UUID.fromString(stays)).setParameter(3, UUID.fromString(contacted))
                .setParameter(4, UUID.fromString(delivered)).setParameter(5, UUID.fromString(defeated)).executeUpdate());

        var funnel = given().header("Authorization", Tokens.bearer("manager.a"))
                .queryParam("storeId", "store-a").queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/lead-reports/funnel").then().statusCode(200)
                .body("captured", equalTo(4))
                .body("defeated", equalTo(1))
                .body("stages.stage", equalTo(List.of("NEW", "CONTACTED", "TEST_DRIVE", "QUOTED", "ORDERED", "DELIVERED")))
                .body("stages.reached", equalTo(List.of(4, 2, 1, 1, 1, 1)))
                .body("openByGrade.C", equalTo(2))
                .extract();
        org.junit.jupiter.api.Assertions.assertEquals(0.5f, funnel.<Float>path("stages[1].rateFromPrevious"));
        org.junit.jupiter.api.Assertions.assertEquals(0.25f, funnel.<Float>path("stages[5].rateFromCaptured"));
        // The report sums counters kept as leads change; folding their deltas changes nothing it says,
        // and it says what counting the leads themselves says.
        var period = new StoreReports.Period("store-a", day, day, ZoneId.of("Asia/Shanghai"));
        var counted = reports.funnel(period);
        counts.fold();
        assertEquals(counted, reports.funnel(period));
        assertEquals(reports.funnelFromLeads(period), counted);

        given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("storeId", "store-a").queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/lead-reports/traffic").then().statusCode(200)
                .body("[0].day", equalTo(day.toString())).body("[0].showroom", equalTo(4)).body("[0].phone", equalTo(0));
        given().header("Authorization", Tokens.bearer("manager.a"))
                .queryParam("storeId", "store-a").queryParam("from", LocalDate.now().minusDays(1).toString())
                .queryParam("to", LocalDate.now().plusDays(1).toString())
                .when().get("/api/lead-reports/defeats").then().statusCode(200).body("reason", hasItem("PRICE"));
        given().header("Authorization", Tokens.bearer("manager.a"))
                .queryParam("storeId", "store-a").queryParam("from", LocalDate.now().minusDays(1).toString())
                .queryParam("to", LocalDate.now().plusDays(1).toString())
                .when().get("/api/lead-reports/consultants").then().statusCode(200)
                .body("consultantId", hasItem(Tokens.subject("consultant.a")));
    }

    @Test
    void theFunnelCountersAgreeWithTheLeadsWhateverHappensToThem() {
        var everything = new StoreReports.Period("store-a", LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), ZoneId.of("UTC"));
        counts.fold();
        String graded = capture("consultant.a");
        String quoted = capture("consultant.a");
        String gone = capture("consultant.a");
        call("consultant.a", "PUT", "/api/leads/" + graded + "/grade", "{\"grade\":\"H\",\"reason\":\"colour chosen\"}")
                .response().then().statusCode(200);
        call("consultant.a", "POST", "/api/leads/" + quoted + "/quotes", "{\"brand\":\"Volkswagen\",\"model\":\"330TSI\","
                + "\"listPrice\":200000,\"validUntil\":\"" + LocalDate.now().plusDays(7) + "\"}").response().then().statusCode(201);
        call("consultant.a", "POST", "/api/leads/" + gone + "/defeat-request", "{\"reason\":\"PRICE\"}");
        // Pending deltas and counters are read together: exact before any fold.
        assertEquals(reports.funnelFromLeads(everything), reports.funnel(everything));
        call("manager.a", "POST", "/api/leads/" + gone + "/defeat-request/decision", "{\"decision\":\"APPROVE\"}")
                .response().then().statusCode(200);
        // A lead removed outright (an operator's clean-up) leaves the counts too.
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("lead_assignment", "lead_grade_change")) {
                em.createNativeQuery("DELETE FROM " + table + " WHERE lead_id = ?1").setParameter(1, UUID.fromString(graded))
                        .executeUpdate();
            }
            em.createNativeQuery("DELETE FROM lead WHERE id = ?1").setParameter(1, UUID.fromString(graded)).executeUpdate();
        });
        assertEquals(reports.funnelFromLeads(everything), reports.funnel(everything));
        org.junit.jupiter.api.Assertions.assertTrue(counts.fold() > 0, "the changes left deltas to fold");
        assertEquals(reports.funnelFromLeads(everything), reports.funnel(everything));
        assertEquals(0, counts.fold(), "nothing left after a fold");
    }

    @Test
    void managersSetMonthlyTargetsAndTheConsultantsReportPutsActualsBesideThem() {
        String me = Tokens.subject("consultant.a");
        capture("consultant.a");
        String month = java.time.YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String body = "{\"leads\":40,\"orders\":12,\"deliveries\":10}";
        // Consultants and analysts do not set targets; nor does a manager for another store.
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json").body(body)
                .queryParam("storeId", "store-a").queryParam("month", month)
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(403);
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json").body(body)
                .queryParam("storeId", "store-a").queryParam("month", month)
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(403);
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body(body)
                .queryParam("storeId", "store-b").queryParam("month", month)
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(403);
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body(body)
                .queryParam("storeId", "store-a").queryParam("month", "2026-13")
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(422).body("errors.field", hasItem("month"));
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body(body)
                .queryParam("storeId", "store-a").queryParam("month", "+999999999-01")
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(422).body("errors.field", hasItem("month"));
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"leads\":-1,\"orders\":12,\"deliveries\":10}")
                .queryParam("storeId", "store-a").queryParam("month", month)
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(422).body("errors.field", hasItem("leads"));

        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body(body)
                .queryParam("storeId", "store-a").queryParam("month", month)
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(200)
                .body("orders", equalTo(12)).body("setBy", equalTo(Tokens.subject("manager.a")));
        // Set again: replaced, not added.
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"leads\":40,\"orders\":15,\"deliveries\":10}")
                .queryParam("storeId", "store-a").queryParam("month", month)
                .when().put("/api/lead-reports/targets/" + me).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("storeId", "store-a").queryParam("month", month)
                .when().get("/api/lead-reports/targets").then().statusCode(200)
                .body("find { it.consultantId == '" + me + "' }.orders", equalTo(15));

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var report = given().header("Authorization", Tokens.bearer("manager.a"))
                .queryParam("storeId", "store-a").queryParam("from", today.withDayOfMonth(1).toString())
                .queryParam("to", today.toString())
                .when().get("/api/lead-reports/consultants").then().statusCode(200).extract();
        String mine = "find { it.consultantId == '" + me + "' }";
        assertEquals(Integer.valueOf(15), report.path(mine + ".target.orders"));
        assertEquals(Integer.valueOf(40), report.path(mine + ".target.leads"));
        org.junit.jupiter.api.Assertions.assertTrue(report.<Integer>path(mine + ".leads") >= 1, "the lead captured above counts");
    }

    @Test
    void reportsAreForManagersOfTheStoreAndCheckTheirPeriod() {
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .queryParam("storeId", "store-a").queryParam("from", "2026-01-01").queryParam("to", "2026-01-31")
                .when().get("/api/lead-reports/funnel").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("manager.a"))
                .queryParam("storeId", "store-b").queryParam("from", "2026-01-01").queryParam("to", "2026-01-31")
                .when().get("/api/lead-reports/funnel").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("manager.a"))
                .queryParam("storeId", "store-a").queryParam("from", "2026-02-01").queryParam("to", "2026-01-31")
                .when().get("/api/lead-reports/funnel").then().statusCode(422).body("errors.field", hasItem("to"));
    }
}
