package dev.forecourt.lead.api;

import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.forecourt.lead.api.LeadFlowTest.call;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store's round-robin (test profile: store-c deals to rr-one, rr-two, rr-three): a lead nobody
 * in the rota captured goes to the next consultant in turn, also when captures race.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
class LeadAssignmentTest {

    static String captureInStoreC() {
        return given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body("{\"storeId\":\"store-c\",\"customerId\":\"" + UUID.randomUUID() + "\",\"source\":\"PHONE\",\"model\":\"ID.4\"}")
                .when().post("/api/leads").then().statusCode(201).extract().path("consultantId");
    }

    @Test
    void unassignedLeadsAreDealtInTurnAndTheHistorySaysWhy() {
        List<String> dealt = IntStream.range(0, 4).mapToObj(i -> captureInStoreC()).toList();
        // Whoever was last before this test, the next four follow the rota in sorted order (RoundRobin).
        List<String> rota = List.of("rr-one", "rr-three", "rr-two");
        int first = rota.indexOf(dealt.get(0));
        for (int i = 0; i < 4; i++) {
            assertEquals(rota.get((first + i) % 3), dealt.get(i), "lead " + i + " of " + dealt);
        }
        String lead = given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body("{\"storeId\":\"store-c\",\"customerId\":\"" + UUID.randomUUID() + "\",\"source\":\"PHONE\",\"model\":\"ID.6\"}")
                .when().post("/api/leads").then().statusCode(201).extract().path("id");
        var history = call("admin", "GET", "/api/leads/" + lead + "/assignments", null);
        assertEquals("round-robin", history.path("[0].reason"));
    }

    @Test
    void racingCapturesStillDealEvenly() throws Exception {
        List<Callable<String>> captures = IntStream.range(0, 9).<Callable<String>>mapToObj(i -> LeadAssignmentTest::captureInStoreC).toList();
        try (ExecutorService desks = Executors.newFixedThreadPool(3)) {
            Map<String, Long> perConsultant = desks.invokeAll(captures).stream().map(LeadAssignmentTest::get)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(Map.of("rr-one", 3L, "rr-two", 3L, "rr-three", 3L), perConsultant);
        }
    }

    private static String get(Future<String> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
