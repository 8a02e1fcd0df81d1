package dev.forecourt.customer.service;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.LeadGrade;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.LostStage;
import dev.forecourt.customer.domain.VipRule;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Lifecycle class and VIP flag: changed by other services' events and by managers with a
 * reason, always along {@link LifecycleClass}'s transitions, audited and published.
 */
@ApplicationScoped
public class Classification {

    /** What a classification asks for; grade only with INTENT, stage only with LOST. */
    public record Target(LifecycleClass lifecycleClass, LeadGrade grade, LostStage stage) {
    }

    @Inject
    Outbox outbox;

    @Inject
    ChangeLog changeLog;

    @Inject
    CurrentUser user;

    @Inject
    CustomerRegistry customers;

    @Inject
    EntityManager em;

    /** The cause of a manager's change. */
    public static final String MANUAL = "MANUAL";

    /** A manager's change with a reason; an illegal transition is a 409 naming what is allowed. */
    @Transactional
    public Customer classifyManually(UUID id, Target target, String reason) {
        Customer c = customers.getLive(id, "its class");
        try {
            classify(c, target, reason, MANUAL, user.id());
        } catch (LifecycleClass.IllegalTransitionException e) {
            throw ProblemException.conflict(e.getMessage());
        }
        return c;
    }

    /**
     * Moves the customer to the target if the transition is legal; no-op when nothing changes.
     * Throws {@link LifecycleClass.IllegalTransitionException} otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean classify(Customer c, Target target, String reason, String cause, String actor) {
        return apply(c, target, reason, cause, actor, true);
    }

    /**
     * Sets the class a merge, or its undo, gives the survivor ({@link LifecycleClass#merged}): it
     * combines what two records knew, or puts back what was there, so the transition table does not
     * apply. Recorded and published like any change; no-op when nothing changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean setForMerge(Customer c, Target target, String reason, String cause, String actor) {
        return apply(c, target, reason, cause, actor, false);
    }

    /** The customer's class as a target, to put back later. */
    public static Target current(Customer c) {
        return new Target(c.lifecycleClass, c.leadGrade, c.lostStage);
    }

    private boolean apply(Customer c, Target target, String reason, String cause, String actor, boolean checked) {
        LifecycleClass to = target.lifecycleClass();
        LeadGrade grade = to == LifecycleClass.INTENT ? target.grade() : null;
        LostStage stage = to == LifecycleClass.LOST ? target.stage() : null;
        if (c.lifecycleClass == to && c.leadGrade == grade && c.lostStage == stage) {
            return false;
        }
        if (checked) {
            c.lifecycleClass.requireCanBecome(to);
        }
        List<ChangeLog.Change> changes = new ArrayList<>();
        changes.add(new ChangeLog.Change("lifecycleClass", describe(c.lifecycleClass, c.leadGrade, c.lostStage),
                describe(to, grade, stage)));
        String from = c.lifecycleClass.name();
        c.lifecycleClass = to;
        c.leadGrade = grade;
        c.lostStage = stage;
        c.updatedAt = Instant.now();
        em.flush(); // the version the event carries
        changeLog.record(c.id, actor, changes, reason);
        // A manager's reason is typed by staff and may name people: it stays in the audited history, and
        // the event says only that the change was manual (like a manager's VIP decision).
        outbox.publish(new DomainEvent(CustomerEvents.CLASSIFIED, CustomerEvents.AGGREGATE, c.id.toString(), c.storeId,
                new CustomerEvents.Classified(c.id, c.storeId, from, to.name(), grade == null ? null : grade.name(),
                        stage == null ? null : stage.name(), MANUAL.equals(cause) ? null : reason, cause, c.version)));
        return true;
    }

    /** A store manager marks or unmarks a VIP, with a reason (audited; the reason is not published). */
    @Transactional
    public Customer setVip(UUID id, boolean vip, String reason) {
        Customer c = customers.getLive(id, "VIP status");
        markVip(c, vip, reason, reason, "MANAGER", user.id());
        return c;
    }

    /**
     * Sets the VIP flag: audited with {@code reason}, kept with {@code vipReason}, published with its
     * {@code basis} (REFERRALS or MANAGER; a merge is a staff decision, so MANAGER). No-op when unchanged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markVip(Customer c, boolean vip, String vipReason, String reason, String basis, String actor) {
        if (c.vip == vip) {
            return;
        }
        changeLog.record(c.id, actor, List.of(new ChangeLog.Change("vip", String.valueOf(c.vip), String.valueOf(vip))),
                reason);
        c.vip = vip;
        c.vipReason = vipReason;
        c.updatedAt = Instant.now();
        outbox.publish(new DomainEvent(CustomerEvents.VIP_CHANGED, CustomerEvents.AGGREGATE, c.id.toString(),
                c.storeId, new CustomerEvents.VipChanged(c.id, c.storeId, vip, basis)));
    }

    /**
     * Records a purchase referral by {@code referrer} (once per source reference) and makes them
     * VIP when it is their third within a year.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordReferral(Customer referrer, UUID referredId, Instant at, String sourceRef, String actor) {
        int inserted = em.createNativeQuery("INSERT INTO customer_referral (referrer_id, referred_id, referred_at, source_ref)"
                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (source_ref) DO NOTHING")
                .setParameter(1, referrer.id).setParameter(2, referredId).setParameter(3, at).setParameter(4, sourceRef)
                .executeUpdate();
        if (inserted == 0 || referrer.vip) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Instant> times = em.createNativeQuery("SELECT referred_at FROM customer_referral WHERE referrer_id = ?1")
                .setParameter(1, referrer.id).getResultList().stream().map(ChangeLog::instant).toList();
        if (VipRule.qualifiesByReferrals(times, Instant.now())) {
            String why = VipRule.REFERRALS + " purchase referrals within a year";
            markVip(referrer, true, why, why, "REFERRALS", actor);
        }
    }

    private static String describe(LifecycleClass c, LeadGrade grade, LostStage stage) {
        return c + (grade != null ? " (" + grade + ")" : "") + (stage != null ? " (" + stage + ")" : "");
    }
}
