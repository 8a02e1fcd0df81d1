package dev.forecourt.customer.api;

import dev.forecourt.customer.imports.ImportJobs;
import dev.forecourt.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.io.InputStream;
import java.util.UUID;

/**
 * Bulk import for dealer-group IT: POST a CSV (header row; columns as in ImportRow.COLUMNS) or
 * NDJSON file, get 202 and the job's address; poll it for progress (rows read, imported,
 * merged, rejected, ETA); download the rejected rows with the reason for each.
 */
@Path("/api/customer-imports")
public class ImportResource {

    @Inject
    ImportJobs jobs;

    @POST
    @Consumes({"text/csv", "application/x-ndjson"})
    @RolesAllowed({Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response submit(@QueryParam("storeId") @NotBlank String storeId,
                           @jakarta.ws.rs.HeaderParam("Content-Type") String contentType, InputStream body) {
        ImportJobs.Format format = contentType != null && contentType.startsWith("application/x-ndjson")
                ? ImportJobs.Format.NDJSON : ImportJobs.Format.CSV;
        ImportJobs.Job job = jobs.submit(storeId, format, body);
        return Response.accepted(job).location(UriBuilder.fromPath("/api/customer-imports/{id}").build(job.id())).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public ImportJobs.Job progress(@PathParam("id") UUID id) {
        return jobs.get(id);
    }

    /** The rejected rows as CSV: line, reason, the row as sent. */
    @GET
    @Path("{id}/rejections")
    @Produces("text/csv")
    @RolesAllowed({Roles.STORE_MANAGER, Roles.GROUP_ADMIN, Roles.INTEGRATION_CLIENT})
    public Response rejections(@PathParam("id") UUID id) {
        StringBuilder csv = new StringBuilder("line,reason,row\n");
        for (String[] r : jobs.rejections(id)) {
            csv.append(r[0]).append(',').append(quote(r[1])).append(',').append(quote(r[2])).append('\n');
        }
        return Response.ok(csv.toString()).header("Content-Disposition",
                "attachment; filename=\"import-" + id + "-rejections.csv\"").build();
    }

    /** Who downloaded the rejected-rows report and when: it shows personal data as sent, so each download is recorded. */
    @GET
    @Path("{id}/rejections/accesses")
    @RolesAllowed({Roles.STORE_MANAGER, Roles.GROUP_ADMIN})
    public java.util.List<dev.forecourt.customer.service.ChangeLog.Access> rejectionAccesses(@PathParam("id") UUID id) {
        return jobs.reportAccesses(id);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
