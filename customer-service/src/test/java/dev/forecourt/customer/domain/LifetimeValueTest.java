package dev.forecourt.customer.domain;

import dev.forecourt.customer.domain.LifetimeValue.CashFlow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LifetimeValueTest {

    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final BigDecimal TEN_PERCENT = new BigDecimal("0.10");

    private static CashFlow flow(LocalDate date, String amount, String kind) {
        return new CashFlow(date, new BigDecimal(amount), kind);
    }

    @Test
    void noFlowsIsZero() {
        assertEquals(new BigDecimal("0.00"), LifetimeValue.npv(List.of(), TEN_PERCENT, START));
    }

    @Test
    void zeroRateIsThePlainSum() {
        List<CashFlow> flows = List.of(flow(START, "180000", "purchase"), flow(START.plusYears(3), "2500.505", "service"));
        assertEquals(new BigDecimal("182500.51"), LifetimeValue.npv(flows, BigDecimal.ZERO, START));
    }

    @Test
    void wholeYears() {
        // 1461 days = exactly 4 x 365.25, so t = 4 and 14,641 / 1.1^4 = 14,641 / 1.4641 = 10,000.
        assertEquals(new BigDecimal("10000.00"),
                LifetimeValue.npv(List.of(flow(START.plusDays(1461), "14641", "purchase")), TEN_PERCENT, START));
        // 2922 days: t = 8, 1.1^8 = 2.14358881; 21,435.89 / 2.14358881 = 10,000.0009 -> 10,000.00.
        assertEquals(new BigDecimal("10000.00"),
                LifetimeValue.npv(List.of(flow(START.plusDays(2922), "21435.89", "finance")), TEN_PERCENT, START));
    }

    @Test
    void fractionalYears() {
        // 365 days: t = 365 / 365.25 = 0.999316; 1.1^t = 1.0999282; 1000 / 1.0999282 = 909.1502 -> 909.15
        assertEquals(new BigDecimal("909.15"),
                LifetimeValue.npv(List.of(flow(START.plusDays(365), "1000", "service")), TEN_PERCENT, START));
        // 183 days at 8%: t = 0.501027; 1.08^t = 1.0393126; 5000 / 1.0393126 = 4810.8721 -> 4810.87
        assertEquals(new BigDecimal("4810.87"),
                LifetimeValue.npv(List.of(flow(START.plusDays(183), "5000", "parts")), new BigDecimal("0.08"), START));
    }

    @Test
    void flowsBeforeTheStartAreUndiscountedAndCostsAreNegative() {
        List<CashFlow> flows = List.of(
                flow(START, "100000", "purchase"),             // t = 0
                flow(START.minusDays(10), "500", "deposit"),    // before start: t = 0
                flow(START, "-200", "goodwill"),               // a cost reduces the value
                flow(START.plusDays(1461), "14641", "purchase") // 10,000 today
        );
        assertEquals(new BigDecimal("110300.00"), LifetimeValue.npv(flows, TEN_PERCENT, START));
    }

    @Test
    void roundsOnlyTheTotal() {
        // Each 0.005 would round up on its own to 0.01 (0.03 total); the sum 0.015 rounds to 0.02.
        List<CashFlow> flows = List.of(flow(START, "0.005", "x"), flow(START, "0.005", "x"), flow(START, "0.005", "x"));
        assertEquals(new BigDecimal("0.02"), LifetimeValue.npv(flows, TEN_PERCENT, START));
    }

    @Test
    void rejectsRateOfMinusOneOrLess() {
        List<CashFlow> flows = List.of(flow(START, "1", "x"));
        assertThrows(IllegalArgumentException.class, () -> LifetimeValue.npv(flows, new BigDecimal("-1"), START));
        assertThrows(IllegalArgumentException.class, () -> LifetimeValue.npv(flows, new BigDecimal("-1.5"), START));
    }
}
