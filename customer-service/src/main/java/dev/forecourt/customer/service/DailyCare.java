package dev.forecourt.customer.service;

import dev.forecourt.customer.config.CustomerSettings;
import dev.forecourt.customer.domain.CareCalendar;
import dev.forecourt.customer.domain.Consent;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The daily jobs: birthday and holiday care touchpoints (published once per customer, occasion
 * and day, only with the channels the customer allows for marketing; none allowed, none sent),
 * points expiry, and the value tiers of customers whose spend or visits have just left the
 * 24-month window (a tier is otherwise recomputed only when something is recorded). All are safe
 * with several replicas: a tier is recomputed from the data, and for the others what was done is
 * recorded in the same transaction as its event.
 */
@ApplicationScoped
public class DailyCare {

    private static final Logger LOG = Logger.getLogger(DailyCare.class);
    private static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Consents consents;

    @Inject
    Loyalty loyalty;

    @Inject
    Classification classification;

    @Inject
    CustomerSettings settings;

    @Scheduled(cron = "{forecourt.customer.care.cron:0 5 0 * * ?}", timeZone = "{forecourt.customer.care.zone:Asia/Shanghai}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        LocalDate today = LocalDate.now(ZoneId.of(settings.care().zone()));
        int touchpoints = careTouchpoints(today);
        long expired = expirePoints(Instant.now());
        int tiers = reviewTiers(today);
        int defeated = defeatAfterAYear(Instant.now());
        LOG.infof("daily care for %s: %d touchpoints published, %d points expired, %d value tiers changed,"
                + " %d prospects defeated after a year without a purchase", today, touchpoints, expired, tiers, defeated);
    }

    /** The classified event's cause for {@link #defeatAfterAYear}. */
    public static final String NO_PURCHASE_IN_A_YEAR = "no-purchase-in-a-year";

    /**
     * DEFEATED for a prospect (POTENTIAL or INTENT) who has not bought within a year (DOMAIN.md §1): a year
     * since the record was created and since its class or lead grade last changed (new intent starts the
     * year again; a purchase from us would have made it an OWNER). A customer per transaction, re-checked
     * under its lock; returns how many were defeated.
     */
    public int defeatAfterAYear(Instant now) {
        Instant yearAgo = now.atZone(java.time.ZoneOffset.UTC).minusYears(1).toInstant();
        int defeated = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID cursor = after;
            @SuppressWarnings("unchecked")
            List<UUID> due = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "SELECT c.id FROM customer c WHERE c.id > ?1 AND " + STALE_PROSPECT + " ORDER BY c.id LIMIT ?3")
                    .setParameter(1, cursor).setParameter(2, yearAgo).setParameter(3, BATCH).getResultList());
            for (UUID id : due) {
                defeated += QuarkusTransaction.requiringNew().call(() -> {
                    Customer c = Customer.findById(id, LockModeType.PESSIMISTIC_WRITE);
                    // Asked again under the lock: a grade set or a class changed since the query starts the year again.
                    boolean still = c != null && ((Number) em.createNativeQuery(
                                    "SELECT count(*) FROM customer c WHERE c.id = ?1 AND " + STALE_PROSPECT)
                            .setParameter(1, id).setParameter(2, yearAgo).getSingleResult()).intValue() == 1;
                    return still && classification.classify(c, new Classification.Target(LifecycleClass.DEFEATED, null, null),
                            "no purchase within a year", NO_PURCHASE_IN_A_YEAR, ChangeLog.SYSTEM) ? 1 : 0;
                });
            }
            if (due.size() < BATCH) {
                return defeated;
            }
            after = due.get(due.size() - 1);
        }
    }

    /** A live prospect created, and last classified or graded, at or before ?2. */
    private static final String STALE_PROSPECT = "c.lifecycle_class IN ('POTENTIAL', 'INTENT') AND c.merged_into IS NULL"
            + " AND c.created_at <= ?2 AND NOT EXISTS (SELECT 1 FROM customer_change h WHERE h.customer_id = c.id"
            + " AND h.field = 'lifecycleClass' AND h.changed_at > ?2)";

    /** Publishes today's birthday and holiday touchpoints; returns how many were published. */
    public int careTouchpoints(LocalDate today) {
        Map<MonthDay, String> holidays = new HashMap<>();
        settings.care().holidays().forEach((mmdd, name) -> holidays.put(MonthDay.parse("--" + mmdd), name));
        Optional<String> holiday = CareCalendar.holiday(today, holidays);
        int published = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID cursor = after;
            List<Customer> page = QuarkusTransaction.requiringNew().call(() -> holiday.isPresent()
                    ? Customer.<Customer>find("mergedInto is null and id > ?1 order by id", cursor).page(0, BATCH).list()
                    : Customer.<Customer>find("mergedInto is null and id > ?1 and birthDate is not null"
                            + " and month(birthDate) = ?2 and day(birthDate) in (?3) order by id", cursor,
                            today.getMonthValue(), birthdayDays(today)).page(0, BATCH).list());
            if (page.isEmpty()) {
                return published;
            }
            published += QuarkusTransaction.requiringNew().call(() -> {
                int n = 0;
                for (Customer c : page) {
                    if (CareCalendar.isBirthday(c.birthDate, today)) {
                        n += touch(c, "BIRTHDAY", today);
                    }
                    if (holiday.isPresent()) {
                        n += touch(c, holiday.get(), today);
                    }
                }
                return n;
            });
            after = page.get(page.size() - 1).id;
        }
    }

    private int touch(Customer c, String occasion, LocalDate day) {
        List<String> channels = consents.allowedChannels(c.id, Consent.Purpose.MARKETING);
        if (channels.isEmpty()) {
            return 0;
        }
        int inserted = em.createNativeQuery("INSERT INTO care_touchpoint (customer_id, kind, on_day) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, c.id).setParameter(2, occasion).setParameter(3, day).executeUpdate();
        if (inserted == 0) {
            return 0;
        }
        outbox.publish(new DomainEvent(CustomerEvents.CARE_TOUCHPOINT_DUE, CustomerEvents.AGGREGATE, c.id.toString(),
                c.storeId, new CustomerEvents.CareTouchpointDue(c.id, c.storeId, occasion, day, channels)));
        return 1;
    }

    /**
     * Recomputes the tier of every live customer with spend or visits that left the 24-month window in
     * the last {@link #TIER_REVIEW_DAYS} days (a week, so that a day the job did not run is caught up),
     * a customer per transaction; returns how many tiers changed.
     */
    public int reviewTiers(LocalDate today) {
        LocalDate leftBy = today.minusMonths(24);
        @SuppressWarnings("unchecked")
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT DISTINCT a.customer_id FROM customer_activity a JOIN customer c ON c.id = a.customer_id"
                        + " WHERE a.occurred_on > ?1 AND a.occurred_on <= ?2 AND c.merged_into IS NULL")
                .setParameter(1, leftBy.minusDays(TIER_REVIEW_DAYS)).setParameter(2, leftBy).getResultList());
        int changed = 0;
        for (UUID id : ids) {
            changed += QuarkusTransaction.requiringNew().call(() -> {
                Customer c = em.find(Customer.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                return c != null && c.mergedInto == null && loyalty.recomputeTier(c, today) ? 1 : 0;
            });
        }
        return changed;
    }

    static final int TIER_REVIEW_DAYS = 7;

    /** 29 February birthdays are celebrated on 28 February in other years. */
    private static List<Integer> birthdayDays(LocalDate today) {
        return today.getMonthValue() == 2 && today.getDayOfMonth() == 28 && !today.isLeapYear()
                ? List.of(28, 29) : List.of(today.getDayOfMonth());
    }

    /** Expires points due at {@code now}, a customer per transaction; returns the points expired. */
    public long expirePoints(Instant now) {
        long total = 0;
        while (true) {
            List<UUID> due = loyalty.withExpiredEarnings(now, BATCH);
            long round = 0;
            for (UUID id : due) {
                round += QuarkusTransaction.requiringNew().call(() -> {
                    // Locked, as every points movement is, so a merge cannot move this ledger between the
                    // sums and the debit (the merged record would go negative); a merged record has none left.
                    Customer c = Customer.findById(id, LockModeType.PESSIMISTIC_WRITE);
                    return c == null || c.mergedInto != null ? 0L : loyalty.expire(c, now);
                });
            }
            total += round;
            if (due.size() < BATCH || round == 0) {
                return total;
            }
        }
    }
}
