package dev.forecourt.lead.api;

import dev.forecourt.lead.reports.ConsultantTargets;
import dev.forecourt.lead.reports.StoreReports;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The store manager's daily reports (DOMAIN.md §2). Periods are whole days {@code from}..{@code to}
 * (inclusive, at most a year) in the store's time zone ({@code zone}, default Asia/Shanghai).
 * Aggregates only: analysts may read them too.
 */
@Path("/api/lead-reports")
@RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.ANALYST})
public class LeadReportResource {

    @Inject
    StoreReports reports;

    @Inject
    CurrentUser user;

    @Inject
    Clock clock;

    @Inject
    ConsultantTargets targets;

    public record SetTargets(@NotNull @PositiveOrZero @Max(100_000) Integer leads,
                             @NotNull @PositiveOrZero @Max(100_000) Integer orders,
                             @NotNull @PositiveOrZero @Max(100_000) Integer deliveries) {
    }

    /** Sets a consultant's targets for a month (yyyy-MM); the consultants report shows them beside the actuals. */
    @PUT
    @Path("targets/{consultantId}")
    @RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public ConsultantTargets.Target setTargets(@PathParam("consultantId") @NotBlank @Size(max = 64) String consultantId,
                                               @QueryParam("storeId") @NotBlank @Size(max = 64) String storeId,
                                               @QueryParam("month") @NotNull String month,
                                               @NotNull @Valid SetTargets request) {
        user.requireStore(storeId);
        return targets.set(storeId, consultantId, month(month), request.leads(), request.orders(), request.deliveries(),
                user.id());
    }

    @GET
    @Path("targets")
    public List<ConsultantTargets.Target> targets(@QueryParam("storeId") @NotBlank String storeId,
                                                  @QueryParam("month") @NotNull String month) {
        user.requireStore(storeId);
        return targets.of(storeId, month(month));
    }

    private static YearMonth month(String month) {
        try {
            YearMonth m = YearMonth.parse(month);
            if (m.getYear() >= 2000 && m.getYear() <= 2100) {
                return m;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ProblemException.invalid("month", "YearMonth", "must be a month as yyyy-MM between 2000 and 2100, e.g. 2026-11");
    }

    @GET
    @Path("funnel")
    public StoreReports.Funnel funnel(@QueryParam("storeId") @NotBlank String storeId, @QueryParam("from") @NotNull LocalDate from,
                                      @QueryParam("to") @NotNull LocalDate to,
                                      @QueryParam("zone") @DefaultValue("Asia/Shanghai") String zone) {
        return reports.funnel(period(storeId, from, to, zone));
    }

    @GET
    @Path("traffic")
    public List<StoreReports.Traffic> traffic(@QueryParam("storeId") @NotBlank String storeId,
                                              @QueryParam("from") @NotNull LocalDate from, @QueryParam("to") @NotNull LocalDate to,
                                              @QueryParam("zone") @DefaultValue("Asia/Shanghai") String zone) {
        return reports.traffic(period(storeId, from, to, zone));
    }

    @GET
    @Path("consultants")
    public List<StoreReports.ConsultantActivity> consultants(@QueryParam("storeId") @NotBlank String storeId,
                                                             @QueryParam("from") @NotNull LocalDate from,
                                                             @QueryParam("to") @NotNull LocalDate to,
                                                             @QueryParam("zone") @DefaultValue("Asia/Shanghai") String zone) {
        return reports.consultants(period(storeId, from, to, zone), clock.instant());
    }

    @GET
    @Path("defeats")
    public List<StoreReports.DefeatCount> defeats(@QueryParam("storeId") @NotBlank String storeId,
                                                  @QueryParam("from") @NotNull LocalDate from, @QueryParam("to") @NotNull LocalDate to,
                                                  @QueryParam("zone") @DefaultValue("Asia/Shanghai") String zone) {
        return reports.defeats(period(storeId, from, to, zone));
    }

    private StoreReports.Period period(String storeId, LocalDate from, LocalDate to, String zone) {
        user.requireStore(storeId);
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "NotBefore", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw ProblemException.invalid("to", "MaxPeriod", "a report covers at most a year");
        }
        try {
            return new StoreReports.Period(storeId, from, to, ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw ProblemException.invalid("zone", "TimeZone", "must be a time zone such as Asia/Shanghai");
        }
    }
}
