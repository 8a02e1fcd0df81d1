package dev.forecourt.lead.customers;

import dev.forecourt.lead.domain.KnownCustomer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
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
    CustomerLinks links;

    /**
     * Whether customer-service has this customer. A "no" is not kept (the customer may be registered a
     * moment later), nor is an unanswered question: customer-service away, slow (over half a second) or
     * failing is a "no" for now ({@link CustomerLinks#summary}).
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
            summary = links.summary(customerId);
        } catch (CustomerLinks.Absent e) {
            return false;
        } catch (CustomerLinks.Unanswered e) { // away or failing: worth seeing (a 403 is a missing role)
            LOG.warnf("customer-service not asked about customer %s: %s", customerId, e.getMessage());
            return false;
        } catch (FaultToleranceException e) { // slow, or the circuit open
            LOG.debugf("customer-service not asked about customer %s: %s", customerId, e.getMessage());
            return false;
        }
        if (summary == null || !customerId.equals(summary.id()) || summary.storeId() == null || summary.kind() == null
                || summary.createdAt() == null) {
            LOG.warnf("customer-service's summary of customer %s is incomplete: %s", customerId, summary);
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> record(customerId, summary.storeId(), summary.kind(), summary.createdAt()));
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
