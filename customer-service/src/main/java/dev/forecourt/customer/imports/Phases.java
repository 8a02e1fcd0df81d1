package dev.forecourt.customer.imports;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where an import job's time went, per phase, summed over its chunks; logged when the job ends. */
final class Phases {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Adds the time since {@code since} to the phase; returns now, to time the next phase from. */
    synchronized long lap(String phase, long since) {
        long now = System.nanoTime();
        nanos.merge(phase, now - since, Long::sum);
        return now;
    }

    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder();
        nanos.forEach((phase, ns) -> out.append(String.format(" %s %.1fs", phase, ns / 1e9)));
        return out.toString().strip();
    }
}
