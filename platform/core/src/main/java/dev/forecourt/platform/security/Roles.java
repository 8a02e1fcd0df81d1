package dev.forecourt.platform.security;

import java.util.Set;

/**
 * The realm roles of DOMAIN.md §6, exactly as the Keycloak realm ({@code deploy/keycloak})
 * names them. Use these constants in {@code @RolesAllowed} so a typo cannot silently lock
 * everyone out.
 */
public final class Roles {
    public static final String SALES_CONSULTANT = "sales-consultant";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String SERVICE_ADVISOR = "service-advisor";
    public static final String TECHNICIAN = "technician";
    public static final String FOREMAN = "foreman";
    public static final String QC_INSPECTOR = "qc-inspector";
    public static final String PARTS_CLERK = "parts-clerk";
    public static final String PARTS_MANAGER = "parts-manager";
    public static final String COMPLAINT_HANDLER = "complaint-handler";
    public static final String CUSTOMER_CARE_AGENT = "customer-care-agent";
    public static final String STORE_MANAGER = "store-manager";
    public static final String GROUP_ADMIN = "group-admin";
    /** Aggregates only: never personal data. */
    public static final String ANALYST = "analyst";
    /** Manufacturer systems using the client-credentials grant. */
    public static final String INTEGRATION_CLIENT = "integration-client";

    /** Roles that act for every store of the group, whatever their {@code stores} claim says. */
    public static final Set<String> GROUP_WIDE = Set.of(GROUP_ADMIN, ANALYST);

    /** Every role, for checks that the realm and the code agree. */
    public static final Set<String> ALL = Set.of(SALES_CONSULTANT, SALES_MANAGER, SERVICE_ADVISOR,
            TECHNICIAN, FOREMAN, QC_INSPECTOR, PARTS_CLERK, PARTS_MANAGER, COMPLAINT_HANDLER,
            CUSTOMER_CARE_AGENT, STORE_MANAGER, GROUP_ADMIN, ANALYST, INTEGRATION_CLIENT);

    private Roles() {
    }
}
