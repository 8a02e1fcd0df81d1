package dev.forecourt.customer.api.validation;

import dev.forecourt.platform.vehicle.Vin;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A VIN with a correct check digit (DOMAIN.md §1). Null is valid (combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = ValidVin.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidVin {

    String message() default "is not valid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidVin, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || DomainRule.check(Vin.violation(Vin.normalise(value)), context);
        }
    }
}
