package dev.forecourt.customer.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Customer lifetime value = net present value of the customer's cash flows over the
 * relationship (DOMAIN.md §1, Measures).
 */
public final class LifetimeValue {

    private static final double DAYS_PER_YEAR = 365.25;

    private LifetimeValue() {
    }

    /**
     * @param kind what the money was for: purchase, service, parts, insurance, finance, ...
     *             (not used in the calculation; kept so the figure can be broken down)
     */
    public record CashFlow(LocalDate date, BigDecimal amount, String kind) {
        public CashFlow {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * NPV discounted to the start of the relationship:
     * {@code sum(amount / (1 + r)^t)} with {@code t = days from relationshipStart to the flow / 365.25}
     * (continuous year fractions, so the value does not jump on anniversaries). Flows dated
     * before the start (e.g. a deposit paid before the customer record was created) count at
     * t = 0, undiscounted. The discount factor is computed in double precision (a fractional
     * power), the sum in decimal, and only the total is rounded: scale 2, half-up.
     *
     * @param annualDiscountRate e.g. 0.08 for 8 % a year; must be greater than -1
     */
    public static BigDecimal npv(List<CashFlow> flows, BigDecimal annualDiscountRate, LocalDate relationshipStart) {
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(annualDiscountRate, "annualDiscountRate");
        Objects.requireNonNull(relationshipStart, "relationshipStart");
        double base = BigDecimal.ONE.add(annualDiscountRate).doubleValue();
        if (base <= 0) {
            throw new IllegalArgumentException("discount rate must be greater than -1: " + annualDiscountRate);
        }
        BigDecimal total = BigDecimal.ZERO;
        for (CashFlow flow : flows) {
            long days = Math.max(0, ChronoUnit.DAYS.between(relationshipStart, flow.date()));
            double factor = Math.pow(base, days / DAYS_PER_YEAR);
            total = total.add(flow.amount().divide(new BigDecimal(factor), MathContext.DECIMAL64));
        }
        return total.setScale(2, RoundingMode.HALF_UP);
    }
}
