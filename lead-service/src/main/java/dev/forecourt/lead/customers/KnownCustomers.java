package dev.forecourt.lead.customers;

import dev.forecourt.lead.domain.KnownCustomer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * The customers lead-service knows customer-service has: those registered one by one (customer-events),
 * and any other it has asked customer-service about and was told exist ({@code known_customer}). A bulk
 * import's customers are not copied here; the first time a lead's detail is read for one of them,
 * customer-service is asked for its summary (no personal data) and the answer kept.
 */
@ApplicationScoped
public class KnownCustomers {

    private static final Logger LOG = Logger.getLogger(KnownCustomers.class);

    @Inject
    EntityManager em;

    @Inject
    @RestClient
    CustomerDirectory directory;

    /**
     * Whether customer-service has this customer. A "no" is not kept (the customer may be registered a
     * moment later), nor is an unanswered question: customer-service away or slow (its REST client's
     * timeouts) is a "no" for now.
     */
    public boolean known(UUID customerId) {
        if (customerId == null) {
            return false;
        }
        if (QuarkusTransaction.requiringNew().call(() -> KnownCustomer.findById(customerId) != null)) {
            return true;
        }
        CustomerDirectory.Summary summary;
        try {
            summary = directory.summary(customerId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != 404) {
                LOG.warnf("customer-service answered %d for customer %s", e.getResponse().getStatus(), customerId);
            }
            return false;
        } catch (ProcessingException e) {
            LOG.debugf("customer-service unreachable (%s)", e.getMessage());
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> record(summary.id(), summary.storeId(), summary.kind(), summary.createdAt()));
        return true;
    }

    /** Keeps (or refreshes) a customer customer-service has; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID customerId, String storeId, String kind, Instant registeredAt) {
        em.createNativeQuery("INSERT INTO known_customer (customer_id, store_id, kind, registered_at)"
                        + " VALUES (:id, :store, :kind, :at) ON CONFLICT (customer_id) DO UPDATE"
                        + " SET store_id = EXCLUDED.store_id, kind = EXCLUDED.kind, registered_at = EXCLUDED.registered_at")
                .setParameter("id", customerId).setParameter("store", storeId).setParameter("kind", kind)
                .setParameter("at", registeredAt).executeUpdate();
    }
}
