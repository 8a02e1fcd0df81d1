package dev.forecourt.customer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Group-level configuration of customer-service (prefix {@code forecourt.customer}); defaults
 * are in application.properties, and a dealer group overrides them with environment variables
 * such as {@code FORECOURT_CUSTOMER_VALUE_TIERS_GOLD_SPEND=8000}.
 */
@ConfigMapping(prefix = "forecourt.customer")
public interface CustomerSettings {

    Warranty warranty();

    /** Thresholds per value tier (diamond, platinum, gold, silver), see ValueTierPolicy. */
    Map<String, Tier> valueTiers();

    Loyalty loyalty();

    Care care();

    /** Bulk imports ({@code forecourt.customer.import.*}). */
    @WithName("import")
    Imports imports();

    /** Annual discount rate of the customer lifetime value (NPV). */
    @WithDefault("0.08")
    BigDecimal lifetimeValueDiscountRate();

    interface Imports {
        /** Where uploads wait for the worker; the system's temporary directory unless set. */
        Optional<Path> dir();

        /**
         * Rows per chunk, each written in one transaction. Larger chunks mean fewer round trips and
         * commits; smaller ones less heap (two chunks are in flight) and a cheaper split around a
         * row the database refuses.
         */
        @WithDefault("5000")
        int chunkRows();

        /**
         * How often each replica records that it is alive; a job whose replica misses four beats is
         * failed as interrupted (ImportRunners).
         */
        @WithDefault("15s")
        Duration heartbeat();
    }

    interface Warranty {
        @WithDefault("3")
        int years();

        @WithDefault("100000")
        int km();

        /** Brand (lower case) → its own terms. */
        Map<String, Terms> brands();
    }

    interface Terms {
        int years();

        int km();
    }

    interface Tier {
        BigDecimal purchaseAmount();

        int visits();

        BigDecimal spend();
    }

    interface Loyalty {
        /** Points earned per CNY paid (purchases, service, parts). */
        @WithDefault("0.1")
        BigDecimal pointsPerCny();

        /** Months after which earned points expire. */
        @WithDefault("24")
        int expiryMonths();

        /** Value tier (lower case) → its membership benefits, comma-separated. */
        Map<String, String> benefits();
    }

    interface Care {
        /** The stores' time zone, for "today" in birthday and holiday care. */
        @WithDefault("Asia/Shanghai")
        String zone();

        /** MM-dd → holiday name, for holiday care touchpoints. */
        Map<String, String> holidays();
    }
}
