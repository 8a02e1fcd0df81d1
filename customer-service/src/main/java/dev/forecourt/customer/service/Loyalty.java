package dev.forecourt.customer.service;

import dev.forecourt.customer.config.CustomerSettings;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.PointsRules;
import dev.forecourt.customer.domain.ValueTier;
import dev.forecourt.customer.domain.ValueTierPolicy;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.LockMode;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What customers spend and what it earns them: activity (purchases, service, parts) drives the
 * value tier and the points ledger. The balance lives on {@code loyalty_account} and is only
 * ever changed by one conditional UPDATE, so concurrent redemptions cannot take it below zero;
 * every movement names its cause and is published. Its callers lock the customer first (checked).
 */
@ApplicationScoped
public class Loyalty {

    public enum Activity { PURCHASE, SERVICE, PARTS, INSURANCE, FINANCE }

    public record Movement(long id, String kind, long points, String causeType, String causeRef, Instant occurredAt,
                           Instant expiresAt, String recordedBy) {
    }

    public record Account(UUID customerId, long balance, ValueTier tier, List<String> benefits, List<Movement> movements) {
    }

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ValueTierPolicy tiers;

    @Inject
    ChangeLog changeLog;

    @Inject
    CustomerSettings settings;

    /**
     * Records what a customer paid (once per source reference), earns its points and recomputes the
     * value tier. Returns false when this source reference was already recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordActivity(Customer c, Activity kind, BigDecimal amount, LocalDate on, String sourceRef,
                                  String actor) {
        requireLive(c);
        int inserted = em.createNativeQuery("INSERT INTO customer_activity (customer_id, kind, amount, occurred_on, source_ref)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (source_ref) DO NOTHING")
                .setParameter(1, c.id).setParameter(2, kind.name()).setParameter(3, amount).setParameter(4, on)
                .setParameter(5, sourceRef).executeUpdate();
        if (inserted == 0) {
            return false;
        }
        long points = amount.multiply(settings.loyalty().pointsPerCny()).setScale(0, RoundingMode.DOWN).longValue();
        if (points > 0 && kind != Activity.INSURANCE && kind != Activity.FINANCE) {
            earn(c, points, kind.name(), sourceRef, on, actor);
        }
        recomputeTier(c, on);
        return true;
    }

    /**
     * Adds points (idempotent per cause) earned on {@code earnedOn}, the day of the purchase or service paid:
     * they expire at the end of that day the configured months later, whenever the event announcing it came.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void earn(Customer c, long points, String causeType, String causeRef, LocalDate earnedOn, String actor) {
        requireLive(c);
        Instant expires = PointsRules.expiry(earnedOn, settings.loyalty().expiryMonths(), ZoneId.of(settings.care().zone()));
        if (move(c.id, "EARN", points, causeType, causeRef, expires, actor)) {
            long balance = ((Number) em.createNativeQuery("INSERT INTO loyalty_account (customer_id, balance) VALUES (?1, ?2)"
                            + " ON CONFLICT (customer_id) DO UPDATE SET balance = loyalty_account.balance + EXCLUDED.balance"
                            + " RETURNING balance")
                    .setParameter(1, c.id).setParameter(2, points).getSingleResult()).longValue();
            published(c, "EARN", points, balance, causeType, causeRef);
        }
    }

    /**
     * Spends points on labour, parts or a gift. Refused with 409 when the balance is short; a
     * retry with the same reference changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long redeem(Customer c, long points, String causeType, String causeRef, String actor) {
        requireLive(c);
        PointsRules.redemptionViolation(Long.MAX_VALUE, points).ifPresent(v -> {
            throw ProblemException.invalid("points", "Positive", v);
        });
        if (!move(c.id, "REDEEM", -points, causeType, causeRef, null, actor)) {
            return balance(c.id); // already redeemed under this reference
        }
        @SuppressWarnings("unchecked")
        List<Number> after = em.createNativeQuery("UPDATE loyalty_account SET balance = balance - ?2"
                        + " WHERE customer_id = ?1 AND balance >= ?2 RETURNING balance")
                .setParameter(1, c.id).setParameter(2, points).getResultList();
        if (after.isEmpty()) {
            String reason = PointsRules.redemptionViolation(balance(c.id), points).orElse("balance is too low");
            throw new ProblemException(new dev.forecourt.platform.problem.Problem(
                    dev.forecourt.platform.problem.Problem.type("insufficient-points"), "Not enough points", 409,
                    reason, null, List.of(new dev.forecourt.platform.problem.Problem.FieldError("points",
                    "NotAboveBalance", reason)), null));
        }
        long balance = after.get(0).longValue();
        published(c, "REDEEM", -points, balance, causeType, causeRef);
        return balance;
    }

    /**
     * Expires what is due at {@code now} for one customer: the earned points whose expiry has passed
     * and that earlier debits (oldest first) have not consumed. Returns the points expired.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long expire(Customer c, Instant now) {
        requireLive(c);
        Object[] sums = (Object[]) em.createNativeQuery("SELECT"
                        + " coalesce(sum(points) FILTER (WHERE kind = 'EARN' AND expires_at <= ?2), 0),"
                        + " coalesce(-sum(points) FILTER (WHERE kind <> 'EARN'), 0)"
                        + " FROM points_movement WHERE customer_id = ?1")
                .setParameter(1, c.id).setParameter(2, now).getSingleResult();
        long expiring = PointsRules.expiring(((Number) sums[0]).longValue(), ((Number) sums[1]).longValue());
        if (expiring == 0) {
            return 0;
        }
        String causeRef = "expiry@" + now;
        if (!move(c.id, "EXPIRE", -expiring, "EXPIRY", causeRef, null, ChangeLog.SYSTEM)) {
            return 0;
        }
        long balance = ((Number) em.createNativeQuery("UPDATE loyalty_account SET balance = balance - ?2"
                        + " WHERE customer_id = ?1 RETURNING balance")
                .setParameter(1, c.id).setParameter(2, expiring).getSingleResult()).longValue();
        published(c, "EXPIRE", -expiring, balance, "EXPIRY", causeRef);
        return expiring;
    }

    /** Customers holding earned points whose expiry has passed (candidates for {@link #expire}). */
    @SuppressWarnings("unchecked")
    public List<UUID> withExpiredEarnings(Instant now, int limit) {
        return em.createNativeQuery("SELECT DISTINCT m.customer_id FROM points_movement m"
                        + " JOIN loyalty_account a ON a.customer_id = m.customer_id AND a.balance > 0"
                        + " WHERE m.kind = 'EARN' AND m.expires_at <= ?1 LIMIT ?2")
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }

    public long balance(UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Number> b = em.createNativeQuery("SELECT balance FROM loyalty_account WHERE customer_id = ?1")
                .setParameter(1, customerId).getResultList();
        return b.isEmpty() ? 0 : b.get(0).longValue();
    }

    @SuppressWarnings("unchecked")
    public Account account(Customer c) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, kind, points, cause_type, cause_ref, occurred_at,"
                        + " expires_at, recorded_by FROM points_movement WHERE customer_id = ?1 ORDER BY id DESC LIMIT 200")
                .setParameter(1, c.id).getResultList();
        List<Movement> movements = rows.stream().map(r -> new Movement(((Number) r[0]).longValue(), (String) r[1],
                ((Number) r[2]).longValue(), (String) r[3], (String) r[4], ChangeLog.instant(r[5]),
                r[6] == null ? null : ChangeLog.instant(r[6]), (String) r[7])).toList();
        return new Account(c.id, balance(c.id), c.valueTier, benefits(c.valueTier), movements);
    }

    public List<String> benefits(ValueTier tier) {
        String list = settings.loyalty().benefits().get(tier.name().toLowerCase(Locale.ROOT));
        return list == null || list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    /**
     * Recomputes the value tier from the last 24 months of activity up to {@code asOf}; a change is
     * recorded in the customer's history and published. Returns whether the tier changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recomputeTier(Customer c, LocalDate asOf) {
        Object[] r = (Object[]) em.createNativeQuery("SELECT"
                        + " coalesce(sum(amount) FILTER (WHERE kind = 'PURCHASE'), 0),"
                        + " count(*) FILTER (WHERE kind IN ('SERVICE', 'PARTS')),"
                        + " coalesce(sum(amount) FILTER (WHERE kind <> 'PURCHASE'), 0)"
                        + " FROM customer_activity WHERE customer_id = ?1 AND occurred_on > ?2")
                .setParameter(1, c.id).setParameter(2, asOf.minusMonths(24)).getSingleResult();
        ValueTier tier = tiers.tierFor((BigDecimal) r[0], ((Number) r[1]).intValue(), (BigDecimal) r[2]);
        if (tier == c.valueTier) {
            return false;
        }
        String from = c.valueTier.name();
        c.valueTier = tier;
        c.updatedAt = Instant.now();
        changeLog.record(c.id, ChangeLog.SYSTEM, List.of(new ChangeLog.Change("valueTier", from, tier.name())),
                "spend and visits in the 24 months up to " + asOf);
        outbox.publish(new DomainEvent(CustomerEvents.TIER_CHANGED, CustomerEvents.AGGREGATE, c.id.toString(),
                c.storeId, new CustomerEvents.TierChanged(c.id, c.storeId, from, tier.name())));
        return true;
    }

    /**
     * What a merge moved from one customer's points to another's: the ledger rows, the cause
     * references it had to tag (id to original reference) and the balance.
     */
    public record Transfer(List<Long> movements, Map<Long, String> taggedCauses, long points) {
    }

    /**
     * A merge: all of {@code from}'s ledger rows move to {@code into} with their cause, time and
     * expiry (so expiry by lot works on the joined ledger), and {@code from}'s balance is added to
     * {@code into}'s; {@code from} is left at zero. A row whose cause {@code into} already has (the
     * nightly expiry books every customer under one reference) gets {@code tag} appended to its
     * cause reference, as the ledger is unique per customer and cause; undo restores it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Transfer transferAll(Customer fromCustomer, Customer intoCustomer, UUID mergeId) {
        requireLocked(fromCustomer);
        requireLocked(intoCustomer);
        UUID from = fromCustomer.id;
        UUID into = intoCustomer.id;
        String tag = " (merge " + mergeId + ")";
        long points = lockAccounts(from, into).getOrDefault(from, 0L);
        Map<Long, String> tagged = new LinkedHashMap<>();
        List<Object[]> clashes = em.createNativeQuery("SELECT m.id, m.cause_ref FROM points_movement m"
                        + " WHERE m.customer_id = ?1 AND EXISTS (SELECT 1 FROM points_movement s WHERE s.customer_id = ?2"
                        + " AND s.kind = m.kind AND s.cause_type = m.cause_type AND s.cause_ref = m.cause_ref) ORDER BY m.id")
                .setParameter(1, from).setParameter(2, into).getResultList();
        for (Object[] r : clashes) {
            long id = ((Number) r[0]).longValue();
            String original = (String) r[1];
            String keep = original.length() + tag.length() <= 128 ? original : original.substring(0, 128 - tag.length());
            em.createNativeQuery("UPDATE points_movement SET cause_ref = ?2 WHERE id = ?1")
                    .setParameter(1, id).setParameter(2, keep + tag).executeUpdate();
            tagged.put(id, original);
        }
        List<Long> moved = ((List<Number>) em.createNativeQuery("UPDATE points_movement SET customer_id = ?2"
                        + " WHERE customer_id = ?1 RETURNING id")
                .setParameter(1, from).setParameter(2, into).getResultList())
                .stream().map(Number::longValue).sorted().toList();
        long intoBalance = balance(into);
        if (points > 0) {
            em.createNativeQuery("UPDATE loyalty_account SET balance = 0 WHERE customer_id = ?1")
                    .setParameter(1, from).executeUpdate();
            intoBalance = credit(into, points);
        }
        transferred(fromCustomer, intoCustomer, points, 0, intoBalance, moved.size(), mergeId, "MERGE");
        return new Transfer(moved, tagged, points);
    }

    /**
     * Undoes {@link #transferAll}: the rows still on {@code from} go back to {@code into} with their
     * original cause references, and the balance moved returns. Refused with 409 when {@code from}
     * no longer holds that many points (it spent them since): a balance never goes below zero.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void transferBack(Customer fromCustomer, Customer intoCustomer, UUID mergeId, Transfer t) {
        requireLocked(fromCustomer);
        requireLocked(intoCustomer);
        UUID from = fromCustomer.id;
        UUID into = intoCustomer.id;
        long left = lockAccounts(from, into).getOrDefault(from, 0L);
        if (left < t.points()) {
            throw ProblemException.conflict("customer " + from + " has " + left + " points left, but the merge brought"
                    + " it " + t.points() + " points that would have to go back to customer " + into + ": undoing"
                    + " the merge now would leave a negative balance");
        }
        int movedBack = t.movements().isEmpty() ? 0 : em.createNativeQuery("UPDATE points_movement SET customer_id = :into"
                        + " WHERE customer_id = :from AND id IN (:ids)")
                .setParameter("into", into).setParameter("from", from).setParameter("ids", t.movements())
                .executeUpdate();
        t.taggedCauses().forEach((id, original) -> em.createNativeQuery("UPDATE points_movement m SET cause_ref = ?2"
                        + " WHERE m.id = ?1 AND m.customer_id = ?3 AND NOT EXISTS (SELECT 1 FROM points_movement s"
                        + " WHERE s.customer_id = m.customer_id AND s.kind = m.kind AND s.cause_type = m.cause_type"
                        + " AND s.cause_ref = ?2)")
                .setParameter(1, id).setParameter(2, original).setParameter(3, into).executeUpdate());
        long fromBalance = left;
        long intoBalance = balance(into);
        if (t.points() > 0) {
            fromBalance = ((Number) em.createNativeQuery("UPDATE loyalty_account SET balance = balance - ?2"
                            + " WHERE customer_id = ?1 RETURNING balance")
                    .setParameter(1, from).setParameter(2, t.points()).getSingleResult()).longValue();
            intoBalance = credit(into, t.points());
        }
        transferred(fromCustomer, intoCustomer, t.points(), fromBalance, intoBalance, movedBack, mergeId, "MERGE_UNDONE");
    }

    /**
     * Publishes a transfer as one event per side, each keyed by its own customer so it stays in order
     * with that customer's other movements: a consumer adding up points-moved and points-transferred
     * events per customer arrives at the balance. Nothing is published when nothing moved.
     */
    private void transferred(Customer from, Customer into, long points, long fromBalance, long intoBalance,
                             int movements, UUID mergeId, String cause) {
        if (points == 0 && movements == 0) {
            return;
        }
        outbox.publish(new DomainEvent(CustomerEvents.POINTS_TRANSFERRED, CustomerEvents.AGGREGATE, from.id.toString(),
                from.storeId, new CustomerEvents.PointsTransferred(from.id, from.storeId, -points, fromBalance,
                -movements, into.id, mergeId, cause)));
        outbox.publish(new DomainEvent(CustomerEvents.POINTS_TRANSFERRED, CustomerEvents.AGGREGATE, into.id.toString(),
                into.storeId, new CustomerEvents.PointsTransferred(into.id, into.storeId, points, intoBalance,
                movements, from.id, mergeId, cause)));
    }

    /**
     * Points move only on a customer its caller has locked ({@link CustomerRegistry#lockLive}, the
     * event reactions, the expiry job, merges): the lock is what makes a movement and a merge of that
     * customer take turns, so that no points land on a record merged meanwhile. Checked here because
     * a caller that forgot would still pass every test that does one thing at a time.
     */
    private void requireLocked(Customer c) {
        // WRITE: the row was updated in this transaction, which holds PostgreSQL's row lock just the same.
        LockMode held = em.unwrap(Session.class).getCurrentLockMode(c);
        if (held != LockMode.PESSIMISTIC_WRITE && held != LockMode.WRITE) {
            throw new IllegalStateException("customer " + c.id + " must be locked (PESSIMISTIC_WRITE) before its points move");
        }
    }

    private void requireLive(Customer c) {
        requireLocked(c);
        if (c.mergedInto != null) {
            throw new IllegalStateException("customer " + c.id + " was merged into " + c.mergedInto
                    + ": its points move on that customer");
        }
    }

    /** Locks both accounts (in a fixed order) and returns their balances; a customer without one has none. */
    @SuppressWarnings("unchecked")
    private Map<UUID, Long> lockAccounts(UUID a, UUID b) {
        List<Object[]> rows = em.createNativeQuery("SELECT customer_id, balance FROM loyalty_account"
                        + " WHERE customer_id IN (?1, ?2) ORDER BY customer_id FOR UPDATE")
                .setParameter(1, a).setParameter(2, b).getResultList();
        Map<UUID, Long> balances = new HashMap<>();
        rows.forEach(r -> balances.put((UUID) r[0], ((Number) r[1]).longValue()));
        return balances;
    }

    private long credit(UUID customerId, long points) {
        return ((Number) em.createNativeQuery("INSERT INTO loyalty_account (customer_id, balance) VALUES (?1, ?2)"
                        + " ON CONFLICT (customer_id) DO UPDATE SET balance = loyalty_account.balance + EXCLUDED.balance"
                        + " RETURNING balance")
                .setParameter(1, customerId).setParameter(2, points).getSingleResult()).longValue();
    }

    private boolean move(UUID customerId, String kind, long points, String causeType, String causeRef,
                         Instant expiresAt, String actor) {
        return em.createNativeQuery("INSERT INTO points_movement (customer_id, kind, points, cause_type, cause_ref,"
                        + " expires_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                        + " ON CONFLICT (customer_id, kind, cause_type, cause_ref) DO NOTHING")
                .setParameter(1, customerId).setParameter(2, kind).setParameter(3, points).setParameter(4, causeType)
                .setParameter(5, causeRef).setParameter(6, expiresAt).setParameter(7, actor).executeUpdate() == 1;
    }

    private void published(Customer c, String kind, long points, long balance, String causeType, String causeRef) {
        outbox.publish(new DomainEvent(CustomerEvents.POINTS_MOVED, CustomerEvents.AGGREGATE, c.id.toString(),
                c.storeId, new CustomerEvents.PointsMoved(c.id, c.storeId, kind, points, balance, causeType, causeRef)));
    }
}
