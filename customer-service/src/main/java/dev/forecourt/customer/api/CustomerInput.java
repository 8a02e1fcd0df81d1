package dev.forecourt.customer.api;

import dev.forecourt.customer.api.validation.MainlandMobile;
import dev.forecourt.customer.api.validation.ValidEmail;
import dev.forecourt.customer.api.validation.ValidIdCardNumber;
import dev.forecourt.customer.domain.Customer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's details as sent on register (POST, group {@link Create}: store and kind required)
 * and change (PATCH: every field optional, null leaves it as it is; a list given replaces the
 * list). Phones, emails and the ID number are validated by their rules (DOMAIN.md §1).
 */
public record CustomerInput(
        @NotBlank(groups = Create.class) @Size(max = 64) String storeId,
        @NotNull(groups = Create.class) Customer.Kind kind,
        @Size(max = 32) @Pattern(regexp = "[A-Z_]+", message = "must be an upper-case code such as SHOWROOM") String sourceChannel,
        @Size(max = 128) String name,
        Customer.Gender gender,
        @Past LocalDate birthDate,
        Customer.OwnerCategory ownerCategory,
        @Size(max = 5) List<@NotNull @MainlandMobile String> phones,
        @Size(max = 5) List<@NotNull @ValidEmail String> emails,
        @ValidIdCardNumber String idNumber,
        @Valid Address address,
        @Size(max = 64) String occupation,
        @Size(max = 64) String familySituation,
        @Pattern(regexp = "SMS|PHONE|EMAIL|WECHAT|MAIL", message = "must be one of SMS, PHONE, EMAIL, WECHAT, MAIL") String preferredChannel,
        @Size(max = 64) String preferredContactTime,
        @Size(max = 20) List<@NotBlank @Size(max = 32) String> interests) {

    /** Validation group of a register: the defaults plus what a new record must have. */
    public interface Create extends Default {
    }

    public record Address(@Size(max = 64) String province, @Size(max = 64) String city, @Size(max = 64) String district,
                          @Size(max = 256) String street,
                          @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
                          @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude) {
    }
}
