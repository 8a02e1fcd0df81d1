package dev.forecourt.lead.api;

import dev.forecourt.lead.domain.TestDrive;
import dev.forecourt.lead.service.LeadDesk;
import dev.forecourt.lead.service.TestDrives;
import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.api.PageRequest;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Test drives after booking (booked on their lead: {@code POST /api/leads/{id}/test-drives}): the
 * customer's feedback completes one, a cancellation frees the car's slot. The licence number is
 * only ever shown masked.
 */
@Path("/api/test-drives")
@RolesAllowed({Roles.SALES_CONSULTANT, Roles.SALES_MANAGER, Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
public class TestDriveResource {

    public record TestDriveView(UUID id, String storeId, UUID leadId, String consultantId, String vin, String brand,
                                String series, String model, Instant slotStart, Instant slotEnd, String route,
                                String licenceNumber, LocalDate licenceExpiry, String status, Integer rating,
                                String feedback, Instant completedAt, String cancelReason, long version) {
        static TestDriveView of(TestDrive d) {
            return new TestDriveView(d.id, d.storeId, d.leadId, d.consultantId, d.vin, d.brand, d.series, d.model,
                    d.slotStart, d.slotEnd, d.route, d.licenceMasked, d.licenceExpiry, d.status, d.rating, d.feedback,
                    d.completedAt, d.cancelReason, d.version);
        }
    }

    public record Feedback(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = 4000) String comments) {
    }

    public record Cancel(@NotBlank @Size(max = 1000) String reason) {
    }

    @Inject
    LeadDesk desk;

    @Inject
    TestDrives drives;

    /** The test drives the caller may see, newest id first (a consultant: their own leads'). */
    @GET
    public Page<TestDriveView> list(@Valid @BeanParam PageRequest page) {
        return desk.visibleRecords(page).page((where, params) -> TestDrive.find(where, params), page.limit(), TestDriveView::of);
    }

    @GET
    @Path("{id}")
    public TestDriveView get(@PathParam("id") UUID id) {
        return TestDriveView.of(drives.get(id));
    }

    /** The drive happened: the customer's rating (1-5) and comments; the lead reaches TEST_DRIVE. */
    @POST
    @Path("{id}/feedback")
    public TestDriveView feedback(@PathParam("id") UUID id, @NotNull @Valid Feedback request) {
        return TestDriveView.of(drives.complete(id, request.rating(), request.comments()));
    }

    @POST
    @Path("{id}/cancellation")
    public TestDriveView cancel(@PathParam("id") UUID id, @NotNull @Valid Cancel request) {
        return TestDriveView.of(drives.cancel(id, request.reason()));
    }
}
