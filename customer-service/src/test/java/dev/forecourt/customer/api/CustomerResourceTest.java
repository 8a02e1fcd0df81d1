package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.StoreScopedListContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import java.util.UUID;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class CustomerResourceTest extends StoreScopedListContract {

    CustomerResourceTest() {
        super("/api/customers", "consultant.b", "store-b", "analyst");
    }

    @Override
    protected void insert(UUID id, String storeId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Customer c = new Customer();
            c.id = id;
            c.storeId = storeId;
            c.kind = Customer.Kind.INDIVIDUAL;
            c.persist();
        });
    }
}
