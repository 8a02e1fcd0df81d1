package dev.forecourt.customer.config;

import dev.forecourt.customer.domain.ValueTier;
import dev.forecourt.customer.domain.ValueTierPolicy;
import dev.forecourt.customer.domain.WarrantyPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Turns {@link CustomerSettings} into the plain-Java rule objects the services use. */
@ApplicationScoped
public class CustomerPolicies {

    @Produces
    @Singleton
    WarrantyPolicy warranty(CustomerSettings settings) {
        Map<String, WarrantyPolicy.Terms> brands = new HashMap<>();
        settings.warranty().brands().forEach((brand, t) ->
                brands.put(brand.toLowerCase(Locale.ROOT), new WarrantyPolicy.Terms(t.years(), t.km())));
        return new WarrantyPolicy(new WarrantyPolicy.Terms(settings.warranty().years(), settings.warranty().km()), brands);
    }

    @Produces
    @Singleton
    ValueTierPolicy valueTiers(CustomerSettings settings) {
        Map<ValueTier, ValueTierPolicy.Threshold> thresholds = new EnumMap<>(ValueTier.class);
        settings.valueTiers().forEach((tier, t) -> thresholds.put(ValueTier.valueOf(tier.toUpperCase(Locale.ROOT)),
                new ValueTierPolicy.Threshold(t.purchaseAmount(), t.visits(), t.spend())));
        return thresholds.isEmpty() ? ValueTierPolicy.defaults() : new ValueTierPolicy(thresholds);
    }
}
