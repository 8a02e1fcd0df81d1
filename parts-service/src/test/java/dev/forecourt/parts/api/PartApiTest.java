package dev.forecourt.parts.api;

import dev.forecourt.parts.events.PartsEvents;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "parts"))
class PartApiTest {

    static String addPart(String number) {
        return given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"partNumber\":\"" + number + "\",\"name\":\"Brake pad set\",\"category\":\"SAFETY_PART\"}")
                .when().post("/api/parts").then().statusCode(201).extract().path("id");
    }

    @Test
    void addingAPartAndReceivingStockArePublishedInOrder() {
        try (KafkaEvents events = KafkaEvents.tail("parts-events")) {
            String id = addPart("BP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
            for (int quantity : new int[] {4, 6}) {
                given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                        .body("{\"quantity\":" + quantity + ",\"batch\":\"B1\"}")
                        .when().post("/api/parts/" + id + "/receipts").then().statusCode(200);
            }
            given().header("Authorization", Tokens.bearer("advisor.a")).when().get("/api/parts/" + id)
                    .then().statusCode(200).body("onHand", equalTo(10));

            var added = events.awaitEvent(PartsEvents.PART_ADDED, id, Duration.ofSeconds(10));
            EventSchemas.assertValid(added.value());
            events.await(r -> r.event() != null && r.event().getType().equals(PartsEvents.STOCK_RECEIVED)
                    && r.data().path("onHand").asInt() == 10, Duration.ofSeconds(10));
            var forThisPart = events.all().stream().filter(r -> id.equals(r.key())).toList();
            assertEquals(3, forThisPart.size());
            assertEquals(PartsEvents.PART_ADDED, forThisPart.get(0).event().getType());
            assertEquals(4, forThisPart.get(1).data().path("onHand").asInt(), "receipts in order");
            forThisPart.forEach(r -> EventSchemas.assertValid(r.value()));
        }
    }

    @Test
    void aPartNumberIsInAStoresCatalogueOnce() {
        addPart("DUP-1");
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"partNumber\":\"DUP-1\",\"name\":\"Again\",\"category\":\"CONSUMABLE\"}")
                .when().post("/api/parts").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aReceiptMustAddSomething() {
        String id = addPart("ZERO-1");
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"quantity\":0}")
                .when().post("/api/parts/" + id + "/receipts").then().statusCode(422).body("errors.field", hasItem("quantity"));
    }

    @Test
    void anAdvisorMayLookButNotAddParts() {
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"partNumber\":\"X-1\",\"name\":\"x\",\"category\":\"CONSUMABLE\"}")
                .when().post("/api/parts").then().statusCode(403);
    }
}
