package dev.forecourt.complaint.api;

import dev.forecourt.complaint.domain.Complaint;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.StoreScopedListContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import java.util.UUID;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "complaint"))
class ComplaintResourceTest extends StoreScopedListContract {

    ComplaintResourceTest() {
        super("/api/complaints", "manager.a", "store-a", "consultant.a");
    }

    @Override
    protected void insert(UUID id, String storeId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Complaint c = new Complaint();
            c.id = id;
            c.storeId = storeId;
            c.channel = "HOTLINE";
            c.category = "REPAIR_QUALITY";
            c.persist();
        });
    }
}
