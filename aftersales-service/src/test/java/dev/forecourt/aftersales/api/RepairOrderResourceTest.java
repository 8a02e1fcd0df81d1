package dev.forecourt.aftersales.api;

import dev.forecourt.aftersales.domain.RepairOrder;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.StoreScopedListContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import java.util.UUID;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "aftersales"))
class RepairOrderResourceTest extends StoreScopedListContract {

    RepairOrderResourceTest() {
        super("/api/repair-orders", "advisor.a", "store-a", "consultant.a");
    }

    @Override
    protected void insert(UUID id, String storeId) {
        QuarkusTransaction.requiringNew().run(() -> {
            RepairOrder r = new RepairOrder();
            r.id = id;
            r.storeId = storeId;
            r.vin = "LSVAU2180N2183294";
            r.orderType = "MAINTENANCE";
            r.persist();
        });
    }
}
