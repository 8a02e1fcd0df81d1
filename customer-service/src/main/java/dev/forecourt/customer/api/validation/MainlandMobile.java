package dev.forecourt.customer.api.validation;

import dev.forecourt.customer.domain.MobilePhone;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/** A mainland mobile number (11 digits starting with 1, optionally +86). Null is valid (combine with {@code @NotNull} where required). */
@Documented
@Constraint(validatedBy = MainlandMobile.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface MainlandMobile {

    String message() default "is not valid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MainlandMobile, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || DomainRule.check(MobilePhone.toE164(value).isPresent() ? Optional.empty() : Optional.of(MobilePhone.RULE), context);
        }
    }
}
