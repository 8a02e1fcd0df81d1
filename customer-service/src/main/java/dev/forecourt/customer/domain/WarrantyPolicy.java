package dev.forecourt.customer.domain;

import java.time.LocalDate;
import java.util.Map;

/**
 * Factory warranty terms: by default purchase date + 3 years or 100,000 km, whichever comes
 * first; a brand may have its own terms (DOMAIN.md §1). Group configuration, not code.
 */
public record WarrantyPolicy(Terms defaults, Map<String, Terms> brands) {

    public record Terms(int years, int km) {
    }

    public static WarrantyPolicy standard() {
        return new WarrantyPolicy(new Terms(3, 100_000), Map.of());
    }

    public Terms termsFor(String brand) {
        return brand == null ? defaults : brands.getOrDefault(brand.toLowerCase(), defaults);
    }

    /** The warranty end date for a car bought on {@code purchaseDate}; null when the date is unknown. */
    public LocalDate endDate(LocalDate purchaseDate, String brand) {
        return purchaseDate == null ? null : purchaseDate.plusYears(termsFor(brand).years());
    }
}
