package dev.forecourt.customer.service;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.LeadGrade;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.LostStage;
import dev.forecourt.customer.domain.Vehicle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * How the customer record follows what happens in sales and aftersales (lead and aftersales
 * events). Runs inside the consumer's batch transaction, after the inbox has let the event
 * through once. A move the lifecycle does not allow (say, a lead upgraded for an owner) leaves
 * the class as it is: the event still counts for spend, points and vehicles.
 */
@ApplicationScoped
public class Reactions {

    private static final Logger LOG = Logger.getLogger(Reactions.class);

    public record Delivery(UUID customerId, String vin, String brand, String series, String model, BigDecimal price,
                           LocalDate deliveredOn, UUID referrerId, String sourceRef) {
    }

    public record Settlement(UUID customerId, String vin, BigDecimal amount, LocalDate settledOn, Integer odometerKm,
                             String sourceRef) {
    }

    @Inject
    Classification classification;

    @Inject
    Loyalty loyalty;

    @Inject
    VehicleRegistry vehicles;

    /** A lead's grade went up or down: the customer shows the intent with that grade. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leadGraded(UUID customerId, LeadGrade grade, String reason, String cause) {
        customer(customerId).ifPresent(c -> classifyIfAllowed(c,
                new Classification.Target(LifecycleClass.INTENT, grade, null), reason, cause));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void leadDefeated(UUID customerId, String reason, String cause) {
        customer(customerId).ifPresent(c -> classifyIfAllowed(c,
                new Classification.Target(LifecycleClass.DEFEATED, null, null), reason, cause));
    }

    /** A car was handed over: the buyer is an owner, the car is theirs, the spend counts, a referrer gets credit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void vehicleDelivered(Delivery d, String cause) {
        Optional<Customer> found = customer(d.customerId());
        if (found.isEmpty()) {
            return;
        }
        Customer c = found.get();
        classifyIfAllowed(c, new Classification.Target(LifecycleClass.OWNER, null, null), "vehicle delivered", cause);
        Vehicle v = Vehicle.find("vin", d.vin()).firstResult();
        if (v == null) {
            vehicles.register(c, new VehicleRegistry.Details(d.vin(), null, d.brand(), d.series(), d.model(), null, null,
                    null, null, null, null, d.deliveredOn(), true, null, null, null, null), ChangeLog.SYSTEM);
        } else if (!v.ownerId.equals(c.id)) {
            LOG.warnf("delivered VIN %s is registered to another customer; left with its owner for a manager to transfer",
                    d.vin());
        }
        if (d.price() != null) {
            loyalty.recordActivity(c, Loyalty.Activity.PURCHASE, d.price(), d.deliveredOn(), d.sourceRef(), ChangeLog.SYSTEM);
        }
        if (d.referrerId() != null) {
            customer(d.referrerId()).ifPresent(r -> classification.recordReferral(r, c.id,
                    d.deliveredOn().atStartOfDay(ZoneOffset.UTC).toInstant(), d.sourceRef(), ChangeLog.SYSTEM));
        }
    }

    /** Aftersales saw no visit for too long: the owner is lost, at the given stage. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void serviceLapsed(UUID customerId, LostStage stage, String cause) {
        customer(customerId).ifPresent(c -> classifyIfAllowed(c,
                new Classification.Target(LifecycleClass.LOST, null, stage), "no service visit: " + stage, cause));
    }

    /** A repair order was paid: spend and a visit; a lost owner who comes back is an owner again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void serviceSettled(Settlement s, String cause) {
        Optional<Customer> found = customer(s.customerId());
        if (found.isEmpty()) {
            return;
        }
        Customer c = found.get();
        if (c.lifecycleClass == LifecycleClass.LOST) {
            classifyIfAllowed(c, new Classification.Target(LifecycleClass.OWNER, null, null), "came back for service", cause);
        }
        loyalty.recordActivity(c, Loyalty.Activity.SERVICE, s.amount(), s.settledOn(), s.sourceRef(), ChangeLog.SYSTEM);
        if (s.vin() != null && s.odometerKm() != null) {
            Vehicle v = Vehicle.find("vin", s.vin()).firstResult();
            if (v != null) {
                vehicles.recordReading(v, new VehicleRegistry.Reading(s.settledOn(), s.odometerKm(), "REPAIR_ORDER"));
            }
        }
    }

    private void classifyIfAllowed(Customer c, Classification.Target target, String reason, String cause) {
        try {
            classification.classify(c, target, reason, cause, ChangeLog.SYSTEM);
        } catch (LifecycleClass.IllegalTransitionException e) {
            LOG.infof("customer %s stays %s on %s: %s", c.id, c.lifecycleClass, cause, e.getMessage());
        }
    }

    /**
     * The customer an event is about, locked, or the one it was merged into. The lock makes an
     * event and a merge of that customer take turns: a merge (which locks both records) waits
     * until the event's points, spend and class have landed, and then moves them; an event that
     * waited for a merge reads the committed record, finds it merged, and follows to the survivor.
     */
    private Optional<Customer> customer(UUID id) {
        UUID at = id;
        for (int hops = 0; hops < 10; hops++) {
            Customer c = Customer.findById(at, LockModeType.PESSIMISTIC_WRITE);
            if (c == null) {
                LOG.warnf("event for unknown customer %s ignored", id);
                return Optional.empty();
            }
            if (c.mergedInto == null) {
                return Optional.of(c);
            }
            at = c.mergedInto;
        }
        LOG.warnf("event for customer %s ignored: its merges go more than 10 records deep", id);
        return Optional.empty();
    }
}
