package dev.forecourt.customer.domain;

/** The consent vocabulary of DOMAIN.md §1: a grant or withdrawal is per channel and purpose. */
public final class Consent {

    public enum Channel { SMS, PHONE, EMAIL, WECHAT, MAIL }

    public enum Purpose { SERVICE_REMINDERS, MARKETING, SURVEYS }

    private Consent() {
    }
}
