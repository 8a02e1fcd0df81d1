package dev.forecourt.bench;

import dev.forecourt.platform.testing.LocalInfrastructure;
import dev.forecourt.platform.testing.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lead-service at scale (issue #5), one run on this machine:
 * <ol>
 *   <li>seeds N open leads (default 500,000) in the bench's store, of which 2 % are due for a
 *   follow-up and 1 % a day past due, straight in lead-service's database;</li>
 *   <li>waits for the service's own scheduled overdue scan to flag them (consultant, and manager
 *   for the day-old ones), and reports the scan's duration from its timer
 *   ({@code forecourt_lead_overdue_scan_seconds}) and how long the outbox took to hand the
 *   events to Kafka;</li>
 *   <li>the manager's funnel report over those leads, p50/p99, at the service and through the
 *   gateway.</li>
 * </ol>
 * Usage: {@code LeadBench <report-dir> [open-leads] [report-requests]}; {@code deploy/stack bench leads}.
 */
public final class LeadBench {

    static final String STORE = ImportBench.STORE;
    private static final String SERVICE = System.getProperty("forecourt.lead-service", "http://localhost:8082");
    private static final String GATEWAY = System.getProperty("forecourt.gateway", "http://localhost:8080");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path reportDir = Path.of(args.length > 0 ? args[0] : "bench/target");
        int open = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Files.createDirectories(reportDir);
        System.out.printf("Forecourt lead bench: %,d open leads in %s%n", open, STORE);

        // The scan's timer before seeding: the scheduled scan may start while the seed commits.
        double sumBefore = metric("forecourt_lead_overdue_scan_seconds_sum");
        long countBefore = (long) metric("forecourt_lead_overdue_scan_seconds_count");
        double seeded = seed(open);
        long consultantFlags = open / 50;
        long managerFlags = open / 100;
        System.out.printf("seeded in %.1f s: %,d due (+ %,d a day past due)%n", seeded, consultantFlags, managerFlags);

        makeDue(open);
        Scan scan = awaitScan(consultantFlags + managerFlags, sumBefore, countBefore);
        System.out.println("overdue scan: " + scan);

        Latency atService = funnel(SERVICE, requests);
        Latency atGateway = funnel(GATEWAY, requests);
        System.out.println("funnel at the service: " + atService);
        System.out.println("funnel through the gateway: " + atGateway);

        String md = report(open, scan, atService, atGateway);
        Files.writeString(reportDir.resolve("lead-report.md"), md);
        System.out.println();
        System.out.println(md);
    }

    /** Replaces the bench store's leads with N open ones (generate_series, one statement). */
    static double seed(int open) throws Exception {
        long t0 = System.nanoTime();
        String mine = "(SELECT id FROM lead WHERE store_id = '" + STORE + "')";
        ImportBench.psql("BEGIN;"
                + " DELETE FROM overdue_notice WHERE lead_id IN " + mine + ";"
                + " DELETE FROM follow_up WHERE lead_id IN " + mine + ";"
                + " DELETE FROM lead_grade_change WHERE lead_id IN " + mine + ";"
                + " DELETE FROM lead_assignment WHERE lead_id IN " + mine + ";"
                + " DELETE FROM defeat_request WHERE lead_id IN " + mine + ";"
                + " DELETE FROM sales_order WHERE lead_id IN " + mine + ";"
                + " DELETE FROM lead WHERE store_id = '" + STORE + "';"
                // 2 % due a minute ago, 1 % (of those) due two days ago (manager too), the rest due in 1-30 days.
                + " INSERT INTO lead (id, store_id, customer_id, consultant_id, source, grade, stage, brand, series, model,"
                + "   next_due_at, created_at, updated_at)"
                + " SELECT gen_random_uuid(), '" + STORE + "', gen_random_uuid(), 'bench-consultant-' || (i % 20),"
                + "   (ARRAY['SHOWROOM', 'PHONE', 'WEBSITE', 'AUTO_PORTAL'])[1 + i % 4], (ARRAY['H', 'A', 'B', 'C'])[1 + i % 4],"
                + "   (ARRAY['NEW', 'CONTACTED', 'TEST_DRIVE', 'QUOTED'])[1 + (i / 7) % 4], 'Bench', 'Series ' || (i % 5), 'Model ' || (i % 10),"
                + "   now() + (1 + i % 30) * interval '1 day',"
                // Captured over the last 30 days, a minute apart: every quarter-hour of the period has leads.
                + "   now() - (i % 43200) * interval '1 minute', now()"
                + " FROM generate_series(1, " + open + ") AS i;"
                + " COMMIT;", "forecourt_lead");
        ImportBench.psql("VACUUM ANALYZE lead", "forecourt_lead");
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Makes 2 % of the seeded leads due a minute ago and 1 % two days ago, once the seed is in and
     * vacuumed: the scan that finds them runs on a settled database, as in a store's day.
     */
    static void makeDue(int open) throws Exception {
        String ids = "SELECT id FROM lead WHERE store_id = '" + STORE + "' ORDER BY id";
        ImportBench.psql("BEGIN;"
                + " UPDATE lead SET next_due_at = now() - interval '2 days' WHERE id IN (" + ids + " LIMIT " + open / 100 + ");"
                + " UPDATE lead SET next_due_at = now() - interval '1 minute' WHERE id IN (" + ids + " OFFSET " + open / 100
                + " LIMIT " + open / 100 + ");"
                + " COMMIT;", "forecourt_lead");
    }

    record Scan(long flags, double scanSeconds, double allScansSeconds, long scans, double outboxDrainedSeconds,
                double waitedSeconds) {
    }

    /**
     * Waits for the scheduled scan (every 30 s) to raise the seeded flags, then for the outbox to
     * hand their events to Kafka. The scan's own time comes from its timer's sum (this bench's
     * leads are the only due ones, so one scan does them all).
     */
    static Scan awaitScan(long expected, double sumBefore, long countBefore) throws Exception {
        long t0 = System.nanoTime();
        long flags = 0;
        while (System.nanoTime() - t0 < Duration.ofMinutes(3).toNanos()) {
            flags = ImportBench.count("SELECT count(*) FROM overdue_notice n JOIN lead l ON l.id = n.lead_id"
                    + " WHERE l.store_id = '" + STORE + "'", "forecourt_lead");
            if (flags >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        if (flags < expected) {
            throw new IllegalStateException("only " + flags + " of " + expected + " flags raised within 3 minutes");
        }
        long flagged = System.nanoTime();
        while (ImportBench.count("SELECT count(*) FROM outbox_event", "forecourt_lead") > 0) {
            Thread.sleep(50);
        }
        double drained = (System.nanoTime() - flagged) / 1e9;
        // The scan that raised them has finished by now (its transaction committed); its timer is updated on return.
        Thread.sleep(200);
        double sumAfter = metric("forecourt_lead_overdue_scan_seconds_sum");
        long countAfter = (long) metric("forecourt_lead_overdue_scan_seconds_count");
        // The longest scan since seeding is the one that raised the flags (the others find nothing due).
        double longest = metric("forecourt_lead_overdue_scan_seconds_max");
        return new Scan(flags, longest, sumAfter - sumBefore, countAfter - countBefore, drained, (System.nanoTime() - t0) / 1e9);
    }

    static double metric(String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(SERVICE + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double total = 0;
        boolean found = false;
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(body);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            found = true;
        }
        return found ? total : 0;
    }

    record Latency(String where, int requests, int failures, double p50Ms, double p99Ms, double maxMs) {
    }

    /** Sequential funnel reports over the last 30 days of the bench store (after a warm-up of the same size). */
    static Latency funnel(String base, int n) throws Exception {
        String token = Tokens.bearer("admin");
        LocalDate today = LocalDate.now();
        URI uri = URI.create(base + "/api/lead-reports/funnel?storeId=" + STORE + "&from=" + today.minusDays(30) + "&to=" + today);
        List<Double> ms = new ArrayList<>();
        int failures = 0;
        for (int round = 0; round < 2; round++) {
            ms.clear();
            failures = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", token).build(),
                        HttpResponse.BodyHandlers.ofString());
                ms.add((System.nanoTime() - t0) / 1e6);
                if (r.statusCode() != 200) {
                    failures++;
                }
            }
        }
        Collections.sort(ms);
        return new Latency(base, n, failures, Bench.Stats.pct(ms, 0.5), Bench.Stats.pct(ms, 0.99), ms.get(ms.size() - 1));
    }

    static String report(int open, Scan scan, Latency service, Latency gateway) {
        return "# Forecourt lead benchmark\n\n"
                + "Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + String.format("%,d", open) + " open leads in " + STORE + ".\n\n"
                + "| measure | value | target |\n|---|---|---|\n"
                + String.format("| overdue scan: flags raised (consultant + manager) | %,d | |%n", scan.flags())
                + String.format("| overdue scan: duration of the scan that raised them (timer max) | %.3f s | under 2 s |%n", scan.scanSeconds())
                + String.format("| all scans since seeding (%d, timer sum) | %.3f s | |%n", scan.scans(), scan.allScansSeconds())
                + String.format("| outbox: all flag events on Kafka after the scan | %.3f s | |%n", scan.outboxDrainedSeconds())
                + String.format("| funnel report at the service, p50 / p99 / max | %.1f / %.1f / %.1f ms (%d requests, %d failed) | p99 under 200 ms |%n",
                        service.p50Ms(), service.p99Ms(), service.maxMs(), service.requests(), service.failures())
                + String.format("| funnel report through the gateway, p50 / p99 / max | %.1f / %.1f / %.1f ms (%d requests, %d failed) | |%n",
                        gateway.p50Ms(), gateway.p99Ms(), gateway.maxMs(), gateway.requests(), gateway.failures())
                + "\nThe scan is the service's own scheduled one (every 30 s), timed by its Micrometer timer; the"
                + " bench's seeded leads are the only due ones, so that one scan raises all their flags.\n";
    }
}
