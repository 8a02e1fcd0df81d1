package dev.forecourt.customer.api.validation;

import dev.forecourt.customer.domain.IdCardNumber;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An 18-character ID-card number with a correct ISO 7064 MOD 11-2 check digit. Null is valid (combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = ValidIdCardNumber.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidIdCardNumber {

    String message() default "is not valid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidIdCardNumber, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || DomainRule.check(IdCardNumber.violation(IdCardNumber.normalise(value)), context);
        }
    }
}
