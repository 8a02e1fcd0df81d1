package dev.forecourt.customer.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dealer group's value-tier thresholds (per-group configuration, DOMAIN.md §1).
 *
 * <p>A tier is reached either by buying enough (a big vehicle purchase alone makes a valuable
 * customer) or by being a regular: enough workshop visits <em>and</em> enough spend, so that
 * frequent cheap visits alone or a single expensive repair alone do not count as loyalty.
 *
 * @param thresholds one threshold per tier the group uses; a tier without one is never awarded.
 *                   {@link ValueTier#POTENTIAL} is the fallback and must not have one.
 */
public record ValueTierPolicy(Map<ValueTier, Threshold> thresholds) {

    /**
     * @param purchaseAmount vehicle purchase amount in the last 24 months (CNY) that reaches the
     *                       tier on its own
     * @param visits         workshop visits in the last 24 months needed, together with
     * @param spend          after-sales spend (service and parts, CNY) in the last 24 months
     */
    public record Threshold(BigDecimal purchaseAmount, int visits, BigDecimal spend) {
        public Threshold {
            Objects.requireNonNull(purchaseAmount, "purchaseAmount");
            Objects.requireNonNull(spend, "spend");
            if (purchaseAmount.signum() < 0 || visits < 0 || spend.signum() < 0) {
                throw new IllegalArgumentException("thresholds cannot be negative: " + purchaseAmount
                        + " / " + visits + " / " + spend);
            }
        }

        boolean metBy(BigDecimal purchaseAmount24m, int visits24m, BigDecimal spend24m) {
            return purchaseAmount24m.compareTo(purchaseAmount) >= 0
                    || (visits24m >= visits && spend24m.compareTo(spend) >= 0);
        }
    }

    public ValueTierPolicy {
        Objects.requireNonNull(thresholds, "thresholds");
        if (thresholds.containsKey(ValueTier.POTENTIAL)) {
            throw new IllegalArgumentException("POTENTIAL is the fallback tier and takes no threshold");
        }
        EnumMap<ValueTier, Threshold> copy = new EnumMap<>(ValueTier.class);
        thresholds.forEach((tier, threshold) -> copy.put(
                Objects.requireNonNull(tier, "tier"), Objects.requireNonNull(threshold, "threshold of " + tier)));
        thresholds = Collections.unmodifiableMap(copy);
    }

    /**
     * Defaults for a group that has not configured its own figures (CNY, last 24 months):
     * <pre>
     * tier      purchase amount   or   visits and spend
     * DIAMOND   500,000                12     30,000
     * PLATINUM  300,000                 8     15,000
     * GOLD      150,000                 4      6,000
     * SILVER          1 (any purchase)  2      1,500
     * </pre>
     */
    public static ValueTierPolicy defaults() {
        Map<ValueTier, Threshold> t = new EnumMap<>(ValueTier.class);
        t.put(ValueTier.DIAMOND, new Threshold(new BigDecimal("500000"), 12, new BigDecimal("30000")));
        t.put(ValueTier.PLATINUM, new Threshold(new BigDecimal("300000"), 8, new BigDecimal("15000")));
        t.put(ValueTier.GOLD, new Threshold(new BigDecimal("150000"), 4, new BigDecimal("6000")));
        t.put(ValueTier.SILVER, new Threshold(new BigDecimal("1"), 2, new BigDecimal("1500")));
        return new ValueTierPolicy(t);
    }

    /** The highest tier whose threshold is met, or {@link ValueTier#POTENTIAL} when none is. */
    public ValueTier tierFor(BigDecimal purchaseAmount24m, int visits24m, BigDecimal spend24m) {
        Objects.requireNonNull(purchaseAmount24m, "purchaseAmount24m");
        Objects.requireNonNull(spend24m, "spend24m");
        for (ValueTier tier : ValueTier.values()) {
            Threshold threshold = thresholds.get(tier);
            if (threshold != null && threshold.metBy(purchaseAmount24m, visits24m, spend24m)) {
                return tier;
            }
        }
        return ValueTier.POTENTIAL;
    }
}
