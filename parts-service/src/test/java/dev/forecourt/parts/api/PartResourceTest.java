package dev.forecourt.parts.api;

import dev.forecourt.parts.domain.Part;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.StoreScopedListContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import java.util.UUID;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "parts"))
class PartResourceTest extends StoreScopedListContract {

    PartResourceTest() {
        super("/api/parts", "advisor.a", "store-a", "consultant.a");
    }

    @Override
    protected void insert(UUID id, String storeId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Part p = new Part();
            p.id = id;
            p.storeId = storeId;
            p.partNumber = "06L115562B";
            p.name = "Oil filter";
            p.category = "CONSUMABLE";
            p.persist();
        });
    }
}
