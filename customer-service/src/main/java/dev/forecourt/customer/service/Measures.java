package dev.forecourt.customer.service;

import dev.forecourt.customer.config.CustomerSettings;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.LifetimeValue;
import dev.forecourt.customer.domain.LoyaltyMeasures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * DOMAIN.md §1 measures. Loyalty rate = sales to existing customers / (lost + sales to existing);
 * disloyalty = lost / (lost + sales to existing), per store and period, where a sale to an
 * existing customer is a purchase by someone who had bought from the group before, and a lost
 * customer is one classified LOST in the period. Lifetime value is the NPV of the customer's
 * recorded cash flows (purchases, service, parts, insurance, finance) from the day the
 * relationship began, at the configured annual discount rate.
 */
@ApplicationScoped
public class Measures {

    public record LoyaltyFigures(String storeId, LocalDate from, LocalDate to, long salesToExisting, long lost,
                                 BigDecimal loyaltyRate, BigDecimal disloyaltyRate) {
    }

    public record Lifetime(UUID customerId, BigDecimal value, String currency, BigDecimal annualDiscountRate,
                           LocalDate relationshipStart, int cashFlows, String method) {
    }

    static final String METHOD = "net present value of recorded cash flows, each discounted by"
            + " (1 + rate)^(days since the relationship began / 365.25)";

    @Inject
    EntityManager em;

    @Inject
    CustomerSettings settings;

    /** {@code from} inclusive, {@code to} exclusive. */
    public LoyaltyFigures loyalty(String storeId, LocalDate from, LocalDate to) {
        long sales = ((Number) em.createNativeQuery("SELECT count(*) FROM customer_activity a"
                        + " JOIN customer c ON c.id = a.customer_id"
                        + " WHERE c.store_id = ?1 AND a.kind = 'PURCHASE' AND a.occurred_on >= ?2 AND a.occurred_on < ?3"
                        // an existing customer: one who had bought from us before, as recorded here or as a
                        // car they own that is marked sold by us (registered so, or imported with soldByUs)
                        + " AND (EXISTS (SELECT 1 FROM customer_activity p WHERE p.customer_id = a.customer_id"
                        + " AND p.kind = 'PURCHASE' AND p.occurred_on < a.occurred_on)"
                        + " OR EXISTS (SELECT 1 FROM vehicle v WHERE v.owner_id = a.customer_id AND v.sold_by_us"
                        + " AND v.purchase_date < a.occurred_on"
                        // bought from us, not second-hand from someone who did
                        + " AND NOT EXISTS (SELECT 1 FROM vehicle_ownership o WHERE o.vehicle_id = v.id)))")
                .setParameter(1, storeId).setParameter(2, from).setParameter(3, to).getSingleResult()).longValue();
        ZoneId zone = ZoneId.of(settings.care().zone());
        long lost = ((Number) em.createNativeQuery("SELECT count(DISTINCT ch.customer_id) FROM customer_change ch"
                        + " JOIN customer c ON c.id = ch.customer_id"
                        + " WHERE c.store_id = ?1 AND ch.field = 'lifecycleClass' AND ch.new_value LIKE 'LOST%'"
                        // becoming lost, not a lost customer's stage moving on (LOST -> LOST), nor a merge
                        // giving a survivor the class of a record that was counted when it became lost
                        + " AND (ch.old_value IS NULL OR ch.old_value NOT LIKE 'LOST%')"
                        + " AND (ch.reason IS NULL OR ch.reason NOT LIKE ?4)"
                        + " AND ch.changed_at >= ?2 AND ch.changed_at < ?3")
                .setParameter(1, storeId).setParameter(2, from.atStartOfDay(zone).toInstant())
                .setParameter(3, to.atStartOfDay(zone).toInstant()).setParameter(4, Merges.REASON_PREFIX + "%")
                .getSingleResult()).longValue();
        return new LoyaltyFigures(storeId, from, to, sales, lost,
                LoyaltyMeasures.loyaltyRate(sales, lost).orElse(null),
                LoyaltyMeasures.disloyaltyRate(sales, lost).orElse(null));
    }

    @SuppressWarnings("unchecked")
    public Lifetime lifetimeValue(Customer c) {
        List<Object[]> rows = em.createNativeQuery("SELECT occurred_on, amount, kind FROM customer_activity"
                + " WHERE customer_id = ?1 ORDER BY occurred_on").setParameter(1, c.id).getResultList();
        List<LifetimeValue.CashFlow> flows = rows.stream().map(r -> new LifetimeValue.CashFlow(
                r[0] instanceof LocalDate d ? d : ((java.sql.Date) r[0]).toLocalDate(), (BigDecimal) r[1],
                (String) r[2])).toList();
        LocalDate start = c.createdAt.atZone(ZoneId.of(settings.care().zone())).toLocalDate();
        if (!flows.isEmpty() && flows.get(0).date().isBefore(start)) {
            start = flows.get(0).date();
        }
        BigDecimal rate = settings.lifetimeValueDiscountRate();
        return new Lifetime(c.id, LifetimeValue.npv(flows, rate, start), "CNY", rate, start, flows.size(), METHOD);
    }
}
