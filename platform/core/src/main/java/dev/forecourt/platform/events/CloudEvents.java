package dev.forecourt.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The Forecourt envelope: CloudEvents 1.0 in structured JSON mode, with the {@code storeid}
 * extension and, when the change came from a request, {@code correlationid}.
 */
public final class CloudEvents {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String STORE_ID = "storeid";
    public static final String CORRELATION_ID = "correlationid";
    /**
     * Kafka header repeating the event's type (as the binary mode's {@code ce_type} would), so that a
     * consumer can skip a type it does not use without parsing the event. The event itself stays whole
     * in the record's value; the header is a routing aid, never the only place of an attribute.
     */
    public static final String TYPE_HEADER = "ce_type";
    public static final String SCHEMA_BASE = "https://forecourt.dev/schemas/events/";

    private static final EventFormat FORMAT = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private CloudEvents() {
    }

    public static URI schemaOf(String type) {
        return URI.create(SCHEMA_BASE + type + ".json");
    }

    public static CloudEvent envelope(UUID id, String source, DomainEvent event, byte[] jsonData, String correlationId) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create(source))
                .withType(event.type())
                .withSubject(event.aggregateId())
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataSchema(schemaOf(event.type()))
                .withData("application/json", jsonData)
                .withExtension(STORE_ID, event.storeId());
        if (correlationId != null && !correlationId.isBlank()) {
            builder.withExtension(CORRELATION_ID, correlationId);
        }
        return builder.build();
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** Writes an event's data as one JSON value to the envelope's generator. */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    /**
     * The same envelope as {@code serialize(envelope(...))}, written straight to JSON, its data written
     * into it by {@code data} (e.g. {@code g -> mapper.writeValue(g, value)}): the outbox writes thousands
     * of events per scan or import, and building the SDK's event first cost about five times as much per
     * event; writing the data to bytes of its own and copying them in was a fifth of what a bulk import's
     * events allocated (JFR).
     *
     * @throws UncheckedIOException when the data cannot be written
     */
    public static byte[] write(UUID id, String source, DomainEvent event, DataWriter data, String correlationId) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(); JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("specversion", "1.0");
            g.writeStringField("id", id.toString());
            g.writeStringField("source", source);
            g.writeStringField("type", event.type());
            g.writeStringField("datacontenttype", "application/json");
            g.writeStringField("dataschema", SCHEMA_BASE + event.type() + ".json");
            g.writeStringField("subject", event.aggregateId());
            g.writeStringField("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)));
            g.writeStringField(STORE_ID, event.storeId());
            if (correlationId != null && !correlationId.isBlank()) {
                g.writeStringField(CORRELATION_ID, correlationId);
            }
            g.writeFieldName("data");
            data.write(g);
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    /** Parses a structured-mode CloudEvent; throws {@link IllegalArgumentException} when it is not one. */
    public static CloudEvent parse(byte[] bytes) {
        try {
            return FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a structured JSON CloudEvent: " + e.getMessage(), e);
        }
    }
}
