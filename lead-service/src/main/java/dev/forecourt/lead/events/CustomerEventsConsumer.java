package dev.forecourt.lead.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.lead.domain.KnownCustomer;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.inbox.Inbox;
import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Keeps {@link KnownCustomer} in step with customer-events. Idempotent through the inbox: a
 * redelivered event changes nothing. A malformed event fails at once and is parked on the
 * dead-letter topic; a database hiccup is retried before giving up.
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerEventsConsumer.class);
    static final String REGISTERED = "forecourt.customer.registered.v1";

    @Inject
    Inbox inbox;

    @Inject
    ObjectMapper json;

    @Incoming("customer-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 5, delay = 500, delayUnit = ChronoUnit.MILLIS, abortOn = IllegalArgumentException.class)
    public void on(byte[] payload) {
        CloudEvent event = CloudEvents.parse(payload);
        // Each attempt is its own transaction: the inbox record and the effect commit together.
        QuarkusTransaction.requiringNew().run(() -> apply(event));
    }

    void apply(CloudEvent event) {
        if (!inbox.firstDelivery(event)) {
            LOG.debugf("event %s already processed", event.getId());
            return;
        }
        if (REGISTERED.equals(event.getType())) {
            JsonNode data = data(event);
            UUID customerId = uuid(data, "customerId");
            KnownCustomer known = KnownCustomer.findById(customerId);
            if (known == null) {
                known = new KnownCustomer();
                known.customerId = customerId;
            }
            known.storeId = text(data, "storeId");
            known.kind = text(data, "kind");
            known.registeredAt = event.getTime() == null ? java.time.Instant.now() : event.getTime().toInstant();
            known.persist();
        }
    }

    private JsonNode data(CloudEvent event) {
        if (event.getData() == null) {
            throw new IllegalArgumentException("event " + event.getId() + " has no data");
        }
        try {
            return json.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("event " + event.getId() + " data is not JSON", e);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return node.asText();
    }

    private static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(text(data, field));
    }
}
