package dev.forecourt.lead.service;

import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.vehicle.Vin;

/**
 * VINs taken in by lead-service (allocation, trade-in, demonstration cars) pass the same check
 * customer-service applies when it consumes vehicle delivered: a VIN refused there would leave
 * a delivered car without its owner.
 */
final class Vins {

    private Vins() {
    }

    /** The VIN normalised (trimmed, upper case), or a 422 naming the field; null stays null. */
    static String checked(String field, String raw) {
        if (raw == null) {
            return null;
        }
        String vin = Vin.normalise(raw);
        Vin.violation(vin).ifPresent(v -> {
            throw ProblemException.invalid(field, "Vin", v);
        });
        return vin;
    }
}
