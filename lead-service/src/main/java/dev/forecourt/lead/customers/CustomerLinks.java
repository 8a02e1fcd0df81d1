package dev.forecourt.lead.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Links a prospect to its customer through customer-service. Three answers: the customer; empty
 * when customer-service cannot be reached or fails (the lead is taken anyway and linked later);
 * or {@link Refused} when customer-service refuses the contact itself (e.g. not a mainland mobile
 * number), which no retry would change.
 */
@ApplicationScoped
public class CustomerLinks {

    private static final Logger LOG = Logger.getLogger(CustomerLinks.class);

    /** The prospect's contact as given (personal data: sealed while a lead waits to be linked). */
    public record Contact(String name, String phone, String email, String vin) {
    }

    /** customer-service refused the contact (4xx); the reason is its problem detail. */
    public static class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    @Inject
    @RestClient
    CustomerDirectory directory;

    @Inject
    ObjectMapper json;

    /** Timeouts are the REST client's (quarkus.rest-client.customer-service.*-timeout): a slow answer counts as none. */
    public Optional<UUID> link(String storeId, Contact contact, String source) {
        try {
            if (contact.phone() != null || contact.vin() != null) {
                return Optional.of(directory.resolve(new CustomerDirectory.ResolveRequest(storeId, contact.phone(),
                        contact.vin(), "INDIVIDUAL", contact.name(), source)).customerId());
            }
            return Optional.of(directory.register(new CustomerDirectory.Register(storeId, "INDIVIDUAL", contact.name(),
                    List.of(contact.email()), source)).id());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 429) {
                throw new Refused(problemDetail(e));
            }
            LOG.warnf("customer-service answered %d; the lead is kept and linked later", status);
            return Optional.empty();
        } catch (ProcessingException e) {
            LOG.warnf("customer-service unreachable (%s); the lead is kept and linked later", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * customer-service's summary of a customer; {@link Absent} when it has none (404). A lead's detail waits on
     * this, so it waits half a second at most, and not at all while customer-service keeps failing (the
     * circuit opens for 10 s); those, and any other failure, throw {@link Unanswered}.
     */
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = Absent.class)
    public CustomerDirectory.Summary summary(UUID customerId) {
        try {
            return directory.summary(customerId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw new Absent();
            }
            throw new Unanswered("customer-service answered " + e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw new Unanswered("customer-service unreachable: " + e.getMessage());
        }
    }

    /** customer-service has no such customer: an answer, not a failure (it does not open the circuit). */
    public static class Absent extends RuntimeException {
        Absent() {
            super(null, null, false, false);
        }
    }

    /** customer-service did not answer (away, slow, failing). */
    public static class Unanswered extends RuntimeException {
        public Unanswered(String reason) {
            super(reason);
        }
    }

    /** "phone: must be a mainland mobile number ..." from customer-service's problem+json. */
    private String problemDetail(WebApplicationException e) {
        String fallback = "refused by customer-service (" + e.getResponse().getStatus() + ")";
        try {
            JsonNode problem = json.readTree(e.getResponse().readEntity(String.class));
            JsonNode first = problem.path("errors").path(0);
            if (first.hasNonNull("field")) {
                return first.path("field").asText() + ": " + first.path("message").asText();
            }
            return problem.hasNonNull("detail") ? problem.path("detail").asText() : fallback;
        } catch (Exception ignored) {
            return fallback;
        }
    }
}
