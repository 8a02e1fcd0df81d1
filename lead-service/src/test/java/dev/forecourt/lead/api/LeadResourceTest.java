package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.Lead;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.StoreScopedListContract;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
class LeadResourceTest extends StoreScopedListContract {

    LeadResourceTest() {
        super("/api/leads", "consultant.b", "store-b", "advisor.a");
    }

    @Override
    protected void insert(UUID id, String storeId) {
        persist(id, storeId, Tokens.subject("store-b".equals(storeId) ? "consultant.b" : "consultant.a"));
    }

    private static void persist(UUID id, String storeId, String consultantId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Lead lead = new Lead();
            lead.id = id;
            lead.storeId = storeId;
            lead.consultantId = consultantId;
            lead.source = "SHOWROOM";
            lead.persist();
        });
    }

    @Test
    void aConsultantDoesNotSeeAColleaguesLeadInTheirOwnStore() {
        UUID colleagues = UUID.randomUUID();
        persist(colleagues, "store-b", UUID.randomUUID().toString());
        given().header("Authorization", Tokens.bearer("consultant.b"))
                .when().get(path()).then().statusCode(200)
                .body("items.id", hasItem(ownStoreRow.toString()))
                .body("items.id", not(hasItem(colleagues.toString())));
        given().header("Authorization", Tokens.bearer("admin"))
                .when().get(path()).then().statusCode(200)
                .body("items.id", hasItem(colleagues.toString()));
    }
}
