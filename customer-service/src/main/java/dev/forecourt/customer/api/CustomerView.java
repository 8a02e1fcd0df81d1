package dev.forecourt.customer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.LeadGrade;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.LostStage;
import dev.forecourt.customer.domain.ValueTier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A customer as the API shows it. On the single-record read personal values are in full (and
 * the read is audited); in lists and look-ups they are masked ({@code masked: true}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerView(UUID id, String storeId, Customer.Kind kind, LifecycleClass lifecycleClass,
                           LeadGrade leadGrade, LostStage lostStage, boolean vip, String vipReason, ValueTier valueTier,
                           String sourceChannel, boolean masked, String name, Customer.Gender gender,
                           LocalDate birthDate, Customer.OwnerCategory ownerCategory, List<String> phones,
                           List<String> emails, String idNumber, CustomerInput.Address address, String occupation,
                           String familySituation, String preferredChannel, String preferredContactTime,
                           List<String> interests, UUID mergedInto, Instant createdAt, Instant updatedAt,
                           long version) {
}
