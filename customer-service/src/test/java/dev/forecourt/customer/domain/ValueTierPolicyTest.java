package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueTierPolicyTest {

    private final ValueTierPolicy defaults = ValueTierPolicy.defaults();

    private static BigDecimal cny(String amount) {
        return new BigDecimal(amount);
    }

    private ValueTier tier(String purchase, int visits, String spend) {
        return defaults.tierFor(cny(purchase), visits, cny(spend));
    }

    @Test
    void nothingIsPotential() {
        assertEquals(ValueTier.POTENTIAL, tier("0", 0, "0"));
    }

    @Test
    void purchaseAmountAloneReachesATier() {
        assertEquals(ValueTier.SILVER, tier("1", 0, "0"));
        assertEquals(ValueTier.SILVER, tier("149999.99", 0, "0"));
        assertEquals(ValueTier.GOLD, tier("150000", 0, "0"));
        assertEquals(ValueTier.GOLD, tier("150000.00", 0, "0")); // compared by value, not scale
        assertEquals(ValueTier.PLATINUM, tier("300000", 0, "0"));
        assertEquals(ValueTier.DIAMOND, tier("500000", 0, "0"));
        assertEquals(ValueTier.DIAMOND, tier("1200000", 0, "0"));
    }

    @Test
    void visitsAndSpendTogetherReachATier() {
        assertEquals(ValueTier.SILVER, tier("0", 2, "1500"));
        assertEquals(ValueTier.GOLD, tier("0", 4, "6000"));
        assertEquals(ValueTier.PLATINUM, tier("0", 8, "15000"));
        assertEquals(ValueTier.DIAMOND, tier("0", 12, "30000"));
    }

    @Test
    void visitsWithoutSpendOrSpendWithoutVisitsDoNotCount() {
        assertEquals(ValueTier.POTENTIAL, tier("0", 30, "1499.99"));
        assertEquals(ValueTier.POTENTIAL, tier("0", 1, "99999"));
        // 12 visits but only GOLD-level spend: GOLD, not DIAMOND.
        assertEquals(ValueTier.GOLD, tier("0", 12, "6000"));
        // DIAMOND spend but PLATINUM-level visits: PLATINUM.
        assertEquals(ValueTier.PLATINUM, tier("0", 8, "30000"));
    }

    @Test
    void highestMetTierWins() {
        // Purchase meets GOLD, visits and spend meet PLATINUM.
        assertEquals(ValueTier.PLATINUM, tier("150000", 8, "15000"));
        // Purchase meets DIAMOND, visits and spend only SILVER.
        assertEquals(ValueTier.DIAMOND, tier("500000", 2, "1500"));
    }

    @Test
    void aTierWithoutThresholdIsNeverAwarded() {
        Map<ValueTier, ValueTierPolicy.Threshold> t = new EnumMap<>(ValueTier.class);
        t.put(ValueTier.GOLD, new ValueTierPolicy.Threshold(cny("100000"), 5, cny("5000")));
        ValueTierPolicy onlyGold = new ValueTierPolicy(t);
        assertEquals(ValueTier.GOLD, onlyGold.tierFor(cny("900000"), 50, cny("90000")));
        assertEquals(ValueTier.POTENTIAL, onlyGold.tierFor(cny("99999"), 5, cny("4999")));
    }

    @Test
    void policyIsAnImmutableCopy() {
        Map<ValueTier, ValueTierPolicy.Threshold> t = new HashMap<>();
        t.put(ValueTier.SILVER, new ValueTierPolicy.Threshold(cny("1"), 1, cny("1")));
        ValueTierPolicy policy = new ValueTierPolicy(t);
        t.clear();
        assertEquals(ValueTier.SILVER, policy.tierFor(cny("1"), 0, cny("0")));
        assertThrows(UnsupportedOperationException.class, () -> policy.thresholds().clear());
    }

    @Test
    void rejectsBadConfiguration() {
        ValueTierPolicy.Threshold any = new ValueTierPolicy.Threshold(cny("1"), 1, cny("1"));
        assertThrows(IllegalArgumentException.class, () -> new ValueTierPolicy(Map.of(ValueTier.POTENTIAL, any)));
        assertThrows(NullPointerException.class, () -> new ValueTierPolicy(null));
        assertThrows(IllegalArgumentException.class, () -> new ValueTierPolicy.Threshold(cny("-1"), 1, cny("1")));
        assertThrows(IllegalArgumentException.class, () -> new ValueTierPolicy.Threshold(cny("1"), -1, cny("1")));
        assertThrows(IllegalArgumentException.class, () -> new ValueTierPolicy.Threshold(cny("1"), 1, cny("-1")));
        assertThrows(NullPointerException.class, () -> new ValueTierPolicy.Threshold(null, 1, cny("1")));
    }

    @Test
    void defaultsAreTheDocumentedFigures() {
        Map<ValueTier, ValueTierPolicy.Threshold> t = defaults.thresholds();
        assertEquals(new ValueTierPolicy.Threshold(cny("500000"), 12, cny("30000")), t.get(ValueTier.DIAMOND));
        assertEquals(new ValueTierPolicy.Threshold(cny("300000"), 8, cny("15000")), t.get(ValueTier.PLATINUM));
        assertEquals(new ValueTierPolicy.Threshold(cny("150000"), 4, cny("6000")), t.get(ValueTier.GOLD));
        assertEquals(new ValueTierPolicy.Threshold(cny("1"), 2, cny("1500")), t.get(ValueTier.SILVER));
        assertFalse(t.containsKey(ValueTier.POTENTIAL));
    }
}
