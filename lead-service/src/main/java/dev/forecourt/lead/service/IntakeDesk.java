package dev.forecourt.lead.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.lead.customers.CustomerLinks;
import dev.forecourt.lead.domain.AdfBatch;
import dev.forecourt.lead.domain.AdfException;
import dev.forecourt.lead.domain.AdfParser;
import dev.forecourt.lead.domain.AdfProspect;
import dev.forecourt.lead.domain.AdfRejection;
import dev.forecourt.lead.domain.LeadSource;
import dev.forecourt.platform.pii.PiiCrypto;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Lead feeds from portals and manufacturers (ADF XML, DOMAIN.md §2). Each good prospect becomes
 * a lead linked to its customer through customer-service, in its own transaction: a bad prospect
 * is rejected with its reason and never costs the others. When customer-service cannot be reached
 * the lead is taken anyway, its contact sealed, and the {@link Linker} links it later.
 */
@ApplicationScoped
public class IntakeDesk {

    /** AAD context of a waiting lead's sealed contact. */
    public static final String CONTACT = "lead.contact";

    @Inject
    CustomerLinks links;

    @Inject
    LeadDesk desk;

    @Inject
    PiiCrypto crypto;

    @Inject
    ObjectMapper json;

    @Inject
    CurrentUser user;

    public record Accepted(int index, UUID leadId, UUID customerId, boolean linked, boolean folded) {
    }

    public record Outcome(int prospects, List<Accepted> accepted, List<AdfRejection> rejected) {
    }

    public Outcome adf(String storeId, LeadSource source, String xml) {
        user.requireStore(storeId);
        AdfBatch batch;
        try {
            batch = AdfParser.parse(xml);
        } catch (AdfException e) {
            throw ProblemException.invalid("document", "AdfDocument", e.reason());
        }
        List<Accepted> accepted = new ArrayList<>();
        List<AdfRejection> rejected = new ArrayList<>(batch.rejected());
        for (AdfProspect p : batch.prospects()) {
            CustomerLinks.Contact contact = new CustomerLinks.Contact(p.name().isBlank() ? null : p.name(), p.phone(),
                    p.email(), null);
            Optional<UUID> customer;
            try {
                customer = links.link(storeId, contact, source.name());
            } catch (CustomerLinks.Refused refused) {
                rejected.add(new AdfRejection(p.index(), "prospect " + p.index() + ": " + refused.getMessage()));
                continue;
            }
            // ADF: make / model / trim, as brand / series / model here.
            var interest = new LeadDesk.Interest(p.make(), p.model(), p.trim() != null ? p.trim() : p.model(), null);
            LeadDesk.Captured captured = desk.capture(storeId, customer.orElse(null), source, interest,
                    customer.isPresent() ? null : seal(contact));
            accepted.add(new Accepted(p.index(), captured.lead().id, customer.orElse(null), customer.isPresent(),
                    captured.folded()));
        }
        rejected.sort(java.util.Comparator.comparingInt(AdfRejection::index));
        return new Outcome(accepted.size() + rejected.size(), accepted, rejected);
    }

    byte[] seal(CustomerLinks.Contact contact) {
        try {
            return crypto.seal(json.writeValueAsString(contact), CONTACT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
