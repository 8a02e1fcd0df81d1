package dev.forecourt.lead.api;

import dev.forecourt.lead.customers.KnownCustomers;
import dev.forecourt.lead.domain.DefeatDecision;
import dev.forecourt.lead.domain.DefeatReason;
import dev.forecourt.lead.domain.DefeatRequest;
import dev.forecourt.lead.domain.FollowUp;
import dev.forecourt.lead.domain.Lead;
import dev.forecourt.lead.domain.LeadGrade;
import dev.forecourt.lead.domain.LeadSource;
import dev.forecourt.lead.domain.Quote;
import dev.forecourt.lead.service.Assignments;
import dev.forecourt.lead.service.Defeats;
import dev.forecourt.lead.service.FollowUps;
import dev.forecourt.lead.service.LeadDesk;
import dev.forecourt.lead.service.Quotes;
import dev.forecourt.lead.service.SalesOrders;
import dev.forecourt.lead.service.TestDrives;
import dev.forecourt.platform.api.ETags;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.security.CurrentUser;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Leads (DOMAIN.md §2): capture, grade, follow-ups, assignment, defeat and the order that wins
 * them. A consultant (without a manager role) sees and works only the leads assigned to them;
 * managers see their stores' (DOMAIN.md §6). Every change commits with its event.
 */
@Path("/api/leads")
public class LeadResource {

    static final String VIN = "[A-HJ-NPR-Z0-9]{17}";

    public record CaptureLead(@NotBlank @Size(max = 64) String storeId, @NotNull UUID customerId,
                              @NotNull LeadSource source, @Size(max = 64) String brand, @Size(max = 64) String series,
                              @Size(max = 64) String model, LeadGrade grade) {
    }

    public record LeadView(UUID id, String storeId, UUID customerId, String consultantId, String source,
                           String grade, String stage, String brand, String series, String model, Instant nextDueAt,
                           Integer responseMinutes, Instant createdAt, long version) {
        static LeadView of(Lead l) {
            return new LeadView(l.id, l.storeId, l.customerId, l.consultantId, l.source, l.grade, l.stage, l.brand,
                    l.series, l.model, l.nextDueAt, l.responseMinutes, l.createdAt, l.version);
        }
    }

    /**
     * One lead, with whether customer-service has its customer (registered there, heard of on customer-events,
     * or confirmed by asking; false while customer-service cannot be asked).
     */
    public record LeadDetail(LeadView lead, boolean customerKnown) {
    }

    public record ChangeGrade(@NotNull LeadGrade grade, @NotBlank @Size(max = 500) String reason) {
    }

    public record RecordFollowUp(@NotNull FollowUp.Channel channel, @NotBlank @Size(max = 4000) String content,
                                 @Size(max = 1000) String outcome, @Size(max = 1000) String nextStep) {
    }

    public record FollowUpView(UUID id, String consultantId, String channel, String content, String outcome,
                               String nextStep, Instant doneAt) {
        static FollowUpView of(FollowUp f) {
            return new FollowUpView(f.id, f.consultantId, f.channel, f.content, f.outcome, f.nextStep, f.doneAt);
        }
    }

    public record Assign(@NotBlank @Size(max = 64) String consultantId, @Size(max = 500) String reason) {
    }

    public record RequestDefeat(@NotNull DefeatReason reason, @Size(max = 128) String competitor,
                                @Size(max = 2000) String note) {
    }

    public record DecideDefeat(@NotNull DefeatDecision decision, @Size(max = 2000) String note) {
    }

    public record DefeatView(UUID id, UUID leadId, String reason, String competitor, String note, String requestedBy,
                             Instant requestedAt, String status, String decidedBy, Instant decidedAt, String decisionNote) {
        static DefeatView of(DefeatRequest r) {
            return new DefeatView(r.id, r.leadId, r.reason, r.competitor, r.note, r.requestedBy, r.requestedAt, r.status,
                    r.decidedBy, r.decidedAt, r.decisionNote);
        }
    }

    public record OpenOrder(@NotBlank @Size(max = 64) String brand, @Size(max = 64) String series,
                            @NotBlank @Size(max = 64) String model,
                            @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal price,
                            @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal deposit, boolean finance, boolean insurance,
                            @Pattern(regexp = VIN, message = "must be a 17-character VIN (no I, O or Q)") String tradeInVin) {
    }

    public record BookTestDrive(@NotNull @Pattern(regexp = VIN, message = "must be a 17-character VIN (no I, O or Q)") String vin,
                                @Size(max = 64) String brand, @Size(max = 64) String series, @Size(max = 64) String model,
                                @NotNull OffsetDateTime slotStart, @NotNull OffsetDateTime slotEnd,
                                @Size(max = 500) String route, @NotBlank @Size(max = 32) String licenceNumber,
                                @NotNull LocalDate licenceExpiry) {
    }

    public record GiveQuote(@NotBlank @Size(max = 64) String brand, @Size(max = 64) String series,
                            @NotBlank @Size(max = 64) String model,
                            @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal listPrice,
                            @PositiveOrZero @Digits(integer = 10, fraction = 2) BigDecimal discount, @NotNull LocalDate validUntil,
                            @Size(max = 2000) String note) {
    }

    public record QuoteView(UUID id, UUID leadId, String consultantId, String brand, String series, String model,
                            BigDecimal listPrice, BigDecimal discount, BigDecimal price, String currency,
                            LocalDate validUntil, String note, Instant createdAt) {
        static QuoteView of(Quote q) {
            return new QuoteView(q.id, q.leadId, q.consultantId, q.brand, q.series, q.model, q.listPrice, q.discount,
                    q.price(), q.currency, q.validUntil, q.note, q.createdAt);
        }
    }

    @Inject
    CurrentUser user;

    @Inject
    LeadDesk desk;

    @Inject
    KnownCustomers knownCustomers;

    @Inject
    FollowUps followUps;

    @Inject
    Assignments assignments;

    @Inject
    Defeats defeats;

    @Inject
    SalesOrders orders;

    @Inject
    TestDrives testDrives;

    @Inject
    Quotes quotes;

    @GET
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Page<LeadView> list(@Valid @BeanParam PageRequest page) {
        return desk.visibleRecords(page).page((where, params) -> Lead.find(where, params), page.limit(), LeadView::of);
    }

    /**
     * Captures a lead for a customer; publishes forecourt.lead.captured.v1 (and assigned). 201 with
     * the new lead, or 200 with the customer's open lead for the same model (folded, configurable window).
     */
    @POST
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN,
            Roles.INTEGRATION_CLIENT})
    public Response capture(@NotNull @Valid CaptureLead request, UriInfo uri) {
        LeadDesk.Captured captured = desk.capture(request.storeId(), request.customerId(), request.source(),
                new LeadDesk.Interest(request.brand(), request.series(), request.model(), request.grade()), null);
        Lead lead = captured.lead();
        // A lead folded into the customer's open one for the same model: 200 with that lead, not a second one.
        var response = captured.folded() ? Response.ok()
                : Response.created(uri.getAbsolutePathBuilder().path(lead.id.toString()).build());
        return response.tag(ETags.entityTag(lead.version)).entity(LeadView.of(lead)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response get(@PathParam("id") UUID id) {
        Lead lead = desk.get(id);
        return Response.ok(new LeadDetail(LeadView.of(lead), knownCustomers.known(lead.customerId)))
                .tag(ETags.entityTag(lead.version)).build();
    }

    /** Sets the grade with a reason; the next follow-up is due by the new grade's cadence; upgraded or downgraded is published. */
    @PUT
    @Path("{id}/grade")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public LeadView grade(@PathParam("id") UUID id, @NotNull @Valid ChangeGrade request) {
        return LeadView.of(desk.grade(id, request.grade(), request.reason()));
    }

    @POST
    @Path("{id}/follow-ups")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response followUp(@PathParam("id") UUID id, @NotNull @Valid RecordFollowUp request) {
        FollowUp f = followUps.record(id, new FollowUps.Record(request.channel(), request.content(), request.outcome(),
                request.nextStep()));
        return Response.status(Response.Status.CREATED).entity(FollowUpView.of(f)).build();
    }

    @GET
    @Path("{id}/follow-ups")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<FollowUpView> followUps(@PathParam("id") UUID id) {
        return followUps.of(id).stream().map(FollowUpView::of).toList();
    }

    /** Reassigns the lead (managers); the history keeps who had it. */
    @PUT
    @Path("{id}/consultant")
    @Transactional
    @RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public LeadView assign(@PathParam("id") UUID id, @NotNull @Valid Assign request) {
        Lead lead = desk.get(id);
        assignments.assign(lead, request.consultantId(), user.id(), request.reason());
        return LeadView.of(lead);
    }

    @GET
    @Path("{id}/assignments")
    @Transactional
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<Assignments.Entry> assignments(@PathParam("id") UUID id) {
        return assignments.history(desk.get(id));
    }

    /** A consultant asks to give the lead up; a manager decides (decision below). */
    @POST
    @Path("{id}/defeat-request")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response requestDefeat(@PathParam("id") UUID id, @NotNull @Valid RequestDefeat request) {
        DefeatRequest r = defeats.request(id, request.reason(), request.competitor(), request.note());
        return Response.status(Response.Status.CREATED).entity(DefeatView.of(r)).build();
    }

    /** Approve (the lead is defeated; published) or return (back to work). */
    @POST
    @Path("{id}/defeat-request/decision")
    @RolesAllowed({Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public DefeatView decideDefeat(@PathParam("id") UUID id, @NotNull @Valid DecideDefeat request) {
        return DefeatView.of(defeats.decide(id, request.decision(), request.note()));
    }

    /** Opens the sales order; a deposit of 5,000 CNY or more makes the lead grade O. */
    @POST
    @Path("{id}/orders")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response order(@PathParam("id") UUID id, @NotNull @Valid OpenOrder request) {
        var o = orders.open(id, new SalesOrders.Terms(request.brand(), request.series(), request.model(), request.price(),
                request.deposit(), request.finance(), request.insurance(), request.tradeInVin()));
        return Response.created(UriBuilder.fromPath("/api/sales-orders/{id}").build(o.id))
                .tag(ETags.entityTag(o.version)).entity(SalesOrderResource.OrderView.of(o)).build();
    }

    /** Books a test drive once the driving licence is checked; the car's slot must be free (409 names the booking in the way). */
    @POST
    @Path("{id}/test-drives")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response bookTestDrive(@PathParam("id") UUID id, @NotNull @Valid BookTestDrive request) {
        var d = testDrives.book(id, new TestDrives.Booking(request.vin(), request.brand(), request.series(), request.model(),
                request.slotStart(), request.slotEnd(), request.route(), request.licenceNumber(), request.licenceExpiry()));
        return Response.created(UriBuilder.fromPath("/api/test-drives/{id}").build(d.id))
                .tag(ETags.entityTag(d.version)).entity(TestDriveResource.TestDriveView.of(d)).build();
    }

    @GET
    @Path("{id}/test-drives")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<TestDriveResource.TestDriveView> testDrives(@PathParam("id") UUID id) {
        return testDrives.of(id).stream().map(TestDriveResource.TestDriveView::of).toList();
    }

    /** Quotes a price for a model; the lead reaches QUOTED. */
    @POST
    @Path("{id}/quotes")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public Response quote(@PathParam("id") UUID id, @NotNull @Valid GiveQuote request) {
        Quote q = quotes.quote(id, new Quotes.Terms(request.brand(), request.series(), request.model(), request.listPrice(),
                request.discount(), request.validUntil(), request.note()));
        return Response.status(Response.Status.CREATED).entity(QuoteView.of(q)).build();
    }

    @GET
    @Path("{id}/quotes")
    @RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public List<QuoteView> quotes(@PathParam("id") UUID id) {
        return quotes.of(id).stream().map(QuoteView::of).toList();
    }
}
