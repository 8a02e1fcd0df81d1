package dev.forecourt.customer.domain;

/**
 * Customer value tier from purchase amount, visit frequency and spend over the last 24 months,
 * highest first (declaration order is the ranking; see {@link ValueTierPolicy}).
 */
public enum ValueTier {
    DIAMOND, PLATINUM, GOLD, SILVER, POTENTIAL
}
