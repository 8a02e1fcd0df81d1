package dev.forecourt.lead.config;

import dev.forecourt.lead.domain.Cadence;
import dev.forecourt.lead.domain.OverdueRule;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The group's lead rules as domain objects, built once from {@link LeadSettings} when the service
 * starts: a bad cadence table fails the start with the property named, not a request later.
 */
@Startup
@ApplicationScoped
public class LeadRules {

    private Cadence cadence;
    private OverdueRule overdue;

    @Inject
    LeadSettings settings;

    @jakarta.annotation.PostConstruct
    void build() {
        cadence = settings.cadenceTable();
        overdue = settings.overdueRule();
    }

    public Cadence cadence() {
        return cadence;
    }

    public OverdueRule overdue() {
        return overdue;
    }
}
