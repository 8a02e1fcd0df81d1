package dev.forecourt.customer.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forecourt.customer.domain.LeadGrade;
import dev.forecourt.customer.domain.LostStage;
import dev.forecourt.platform.vehicle.Vin;
import dev.forecourt.customer.service.Reactions;
import dev.forecourt.platform.inbox.EventBatches;
import io.cloudevents.CloudEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Keeps the customer record in step with sales (lead-events) and aftersales (aftersales-events):
 * lifecycle class, vehicles, spend, points and referrals. The consumed contracts (their producers
 * do not publish them yet) are the fields {@link #read} requires; a batch commits in one transaction through the inbox (idempotent), an
 * unreadable event is parked on {@code customer-service.<topic>.dlq} with its reason.
 */
@ApplicationScoped
public class SalesAndServiceConsumer {

    static final String LEAD_UPGRADED = "forecourt.lead.upgraded.v1";
    static final String LEAD_DOWNGRADED = "forecourt.lead.downgraded.v1";
    static final String LEAD_DEFEATED = "forecourt.lead.defeated.v1";
    static final String VEHICLE_DELIVERED = "forecourt.lead.vehicle-delivered.v1";
    static final String SERVICE_LAPSED = "forecourt.aftersales.service-lapsed.v1";
    static final String REPAIR_ORDER_SETTLED = "forecourt.aftersales.repair-order-settled.v1";

    @Inject
    EventBatches batches;

    @Inject
    Reactions reactions;

    @Inject
    @Channel("lead-events-dlq")
    MutinyEmitter<byte[]> leadDeadLetters;

    @Inject
    @Channel("aftersales-events-dlq")
    MutinyEmitter<byte[]> aftersalesDeadLetters;

    @Incoming("lead-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 5, delay = 500, delayUnit = ChronoUnit.MILLIS)
    public void onLeadEvents(ConsumerRecords<String, byte[]> records) {
        batches.process(records, this::read, (event, effect) -> effect.run(), leadDeadLetters);
    }

    @Incoming("aftersales-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 5, delay = 500, delayUnit = ChronoUnit.MILLIS)
    public void onAftersalesEvents(ConsumerRecords<String, byte[]> records) {
        batches.process(records, this::read, (event, effect) -> effect.run(), aftersalesDeadLetters);
    }

    /** What the event means for the customer record, read and checked before the transaction; a no-op for other types. */
    Runnable read(CloudEvent event) {
        String type = event.getType();
        return switch (type) {
            case LEAD_UPGRADED, LEAD_DOWNGRADED -> {
                JsonNode d = batches.data(event);
                if (unlinked(d)) {
                    yield NOTHING;
                }
                UUID customer = EventBatches.uuid(d, "customerId");
                LeadGrade grade = grade(d, "to");
                String reason = EventBatches.optionalText(d, "reason");
                yield () -> reactions.leadGraded(customer, grade, reason, type);
            }
            case LEAD_DEFEATED -> {
                JsonNode d = batches.data(event);
                if (unlinked(d)) {
                    yield NOTHING;
                }
                UUID customer = EventBatches.uuid(d, "customerId");
                String reason = EventBatches.optionalText(d, "reason");
                yield () -> reactions.leadDefeated(customer, reason, type);
            }
            case VEHICLE_DELIVERED -> {
                JsonNode d = batches.data(event);
                String referrer = EventBatches.optionalText(d, "referrerCustomerId");
                var delivery = new Reactions.Delivery(EventBatches.uuid(d, "customerId"), vin(d), EventBatches.optionalText(d, "brand"),
                        EventBatches.optionalText(d, "series"), EventBatches.optionalText(d, "model"), money(d, "price"),
                        date(d, "deliveredOn"), referrer == null ? null : UUID.fromString(referrer),
                        type + ":" + EventBatches.text(d, "orderId"));
                yield () -> reactions.vehicleDelivered(delivery, type);
            }
            case SERVICE_LAPSED -> {
                JsonNode d = batches.data(event);
                UUID customer = EventBatches.uuid(d, "customerId");
                LostStage stage = LostStage.valueOf(enumText(d, "stage", LostStage.class));
                yield () -> reactions.serviceLapsed(customer, stage, type);
            }
            case REPAIR_ORDER_SETTLED -> {
                JsonNode d = batches.data(event);
                JsonNode km = d.get("odometerKm");
                String vin = EventBatches.optionalText(d, "vin");
                var settlement = new Reactions.Settlement(EventBatches.uuid(d, "customerId"), vin == null ? null : Vin.normalise(vin),
                        money(d, "amount"), date(d, "settledOn"), km == null || !km.canConvertToInt() ? null : km.asInt(),
                        type + ":" + EventBatches.text(d, "repairOrderId"));
                yield () -> reactions.serviceSettled(settlement, type);
            }
            default -> () -> { };
        };
    }

    private static final Runnable NOTHING = () -> { };

    /** A lead captured while customer-service was away has no customer yet: its grade and defeat concern no record here. */
    private static boolean unlinked(JsonNode d) {
        return !d.hasNonNull("customerId");
    }

    private static LeadGrade grade(JsonNode d, String field) {
        return LeadGrade.valueOf(enumText(d, field, LeadGrade.class));
    }

    private static <E extends Enum<E>> String enumText(JsonNode d, String field, Class<E> type) {
        String value = EventBatches.text(d, field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(field + " is not a " + type.getSimpleName() + ": " + value);
    }

    private static String vin(JsonNode d) {
        String vin = Vin.normalise(EventBatches.text(d, "vin"));
        Vin.violation(vin).ifPresent(v -> {
            throw new IllegalArgumentException("vin " + v);
        });
        return vin;
    }

    private static BigDecimal money(JsonNode d, String field) {
        JsonNode m = d.get(field);
        if (m == null || m.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(EventBatches.text(m, "amount"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ".amount is not a decimal");
        }
    }

    private static LocalDate date(JsonNode d, String field) {
        try {
            return LocalDate.parse(EventBatches.text(d, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a date (yyyy-mm-dd)");
        }
    }
}
