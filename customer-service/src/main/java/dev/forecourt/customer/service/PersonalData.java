package dev.forecourt.customer.service;

import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.domain.EmailAddress;
import dev.forecourt.customer.domain.IdCardNumber;
import dev.forecourt.customer.domain.MobilePhone;
import dev.forecourt.platform.pii.Masking;
import dev.forecourt.platform.pii.PiiCrypto;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;

/**
 * The one place customer-service turns personal values into what is stored (sealed envelope +
 * keyed hash) and back, and masks them for lists and audit.
 */
@ApplicationScoped
public class PersonalData {

    public static final String NAME = "customer.name";
    public static final String STREET = "customer.street";

    @Inject
    PiiCrypto crypto;

    public byte[] seal(String value, String context) {
        return value == null || value.isBlank() ? null : crypto.seal(value, context);
    }

    public String open(byte[] envelope, String context) {
        return crypto.open(envelope, context);
    }

    /** The canonical form matched on: E.164 phone, lower-case email, upper-case ID number; empty if invalid. */
    public static Optional<String> normalise(CustomerIdentifier.Kind kind, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (kind) {
            case PHONE -> MobilePhone.toE164(raw);
            case EMAIL -> EmailAddress.normalise(raw);
            case ID_CARD -> {
                String id = IdCardNumber.normalise(raw);
                yield IdCardNumber.violation(id).isEmpty() ? Optional.of(id) : Optional.empty();
            }
        };
    }

    public byte[] hash(CustomerIdentifier.Kind kind, String normalised) {
        return crypto.hash(normalised, kind.context());
    }

    public CustomerIdentifier identifier(UUID customerId, CustomerIdentifier.Kind kind, String normalised) {
        CustomerIdentifier i = new CustomerIdentifier();
        i.id = UUID.randomUUID();
        i.customerId = customerId;
        i.kind = kind;
        i.valueEnc = crypto.seal(normalised, kind.context());
        i.keyId = PiiCrypto.keyIdOf(i.valueEnc);
        i.valueHash = hash(kind, normalised);
        return i;
    }

    public String open(CustomerIdentifier identifier) {
        return crypto.open(identifier.valueEnc, identifier.kind.context());
    }

    public static String mask(CustomerIdentifier.Kind kind, String value) {
        return switch (kind) {
            case PHONE -> Masking.phone(value);
            case EMAIL -> Masking.email(value);
            case ID_CARD -> Masking.idNumber(value);
        };
    }
}
