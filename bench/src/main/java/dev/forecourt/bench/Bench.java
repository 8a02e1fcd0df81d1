package dev.forecourt.bench;

import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.LocalInfrastructure;
import dev.forecourt.platform.testing.Tokens;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark run on this machine, raw limits and Forecourt side by side:
 * <ol>
 *   <li>pgbench running the database work of a customer registration (customer row + outbox
 *   row in one transaction) against customer-service's own database;</li>
 *   <li>Kafka's own {@code EndToEndLatency} tool (produce with acks=all, consume) on the broker;</li>
 *   <li>customer registrations through the gateway (real token, real service, real outbox),
 *   with the delay from each event's write to its arrival at a Kafka consumer.</li>
 * </ol>
 * Usage: {@code Bench <report-dir> <seconds> <concurrency>}; {@code deploy/stack bench} runs it.
 */
public final class Bench {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Stats(String name, long count, double perSecond, double p50Ms, double p99Ms) {
        static Stats of(String name, List<Double> latenciesMs, double seconds) {
            List<Double> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            return new Stats(name, sorted.size(), sorted.size() / seconds, pct(sorted, 0.50), pct(sorted, 0.99));
        }

        static double pct(List<Double> sorted, double p) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }

    /** What is created: the service's path, its database work for pgbench, and the event that follows. */
    record Target(String name, String path, String body, String user, String script, String database, String topic,
                  String eventType) {
        static Target of(String name) {
            return switch (name) {
                case "customers" -> new Target(name, "/api/customers",
                        "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"sourceChannel\":\"SHOWROOM\"}", "consultant.a",
                        "customer-create.pgbench.sql", "forecourt_customer", "customer-events", "forecourt.customer.registered.v1");
                case "leads" -> new Target(name, "/api/leads", null, "consultant.a", "lead-capture.pgbench.sql",
                        "forecourt_lead", "lead-events", "forecourt.lead.captured.v1");
                default -> throw new IllegalArgumentException("target is customers or leads, not " + name);
            };
        }

        /** A lead is captured for a new customer each time, so captures are never folded. */
        String nextBody() {
            return body != null ? body : "{\"storeId\":\"store-a\",\"customerId\":\"" + java.util.UUID.randomUUID()
                    + "\",\"source\":\"SHOWROOM\"}";
        }
    }

    public static void main(String[] args) throws Exception {
        Path reportDir = Path.of(args.length > 0 ? args[0] : "bench/target");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Target target = Target.of(args.length > 3 && !args[3].isBlank() ? args[3] : "customers");
        String gateway = System.getProperty("forecourt.gateway", "http://localhost:8080");
        Files.createDirectories(reportDir);

        System.out.printf("Forecourt bench (%s): %ds per run, %d concurrent clients%n", target.name(), seconds, concurrency);
        Stats pgbench = pgbench(target, seconds, concurrency, reportDir);
        System.out.println("pgbench: " + pgbench);
        Stats kafka = kafkaEndToEnd();
        System.out.println("kafka EndToEndLatency: " + kafka);
        // A freshly started service runs its first seconds interpreted: warm it up first, unmeasured
        // (a cold run measured 53 captures/s, a warm one 141/s).
        throughGateway(target, gateway, Math.min(10, seconds), concurrency);
        List<Stats> saturated = throughGateway(target, gateway, seconds, concurrency);
        saturated.forEach(s -> System.out.println("forecourt: " + s));
        // The same path at a steady rate well under saturation: the event delay a store sees on a busy day.
        int pacedRate = Integer.getInteger("forecourt.bench.paced-rate", 20);
        List<Stats> paced = throughGateway(target, gateway, seconds, concurrency, pacedRate);
        Stats pacedDelay = new Stats("forecourt: event write -> Kafka consumer, paced at " + pacedRate + "/s (open loop)",
                paced.get(1).count(), paced.get(1).perSecond(), paced.get(1).p50Ms(), paced.get(1).p99Ms());
        System.out.println("forecourt: " + pacedDelay);
        List<Stats> forecourt = List.of(saturated.get(0), saturated.get(1), pacedDelay);

        String markdown = report(seconds, concurrency, pgbench, kafka, forecourt);
        String suffix = target.name().equals("customers") ? "" : "-" + target.name();
        Files.writeString(reportDir.resolve("bench-report" + suffix + ".md"), markdown);
        Files.writeString(reportDir.resolve("bench-report" + suffix + ".json"), json(pgbench, kafka, forecourt));
        System.out.println();
        System.out.println(markdown);
    }

    /** pgbench with the same transaction, its per-transaction log parsed for percentiles. */
    static Stats pgbench(Target target, int seconds, int clients, Path dir) throws Exception {
        Path script = dir.resolve(target.script());
        try (InputStream in = Bench.class.getResourceAsStream("/" + target.script())) {
            Files.write(script, in.readAllBytes());
        }
        Path logs = Files.createDirectories(dir.resolve("pgbench-logs"));
        try (var old = Files.list(logs)) {
            old.forEach(f -> f.toFile().delete());
        }
        List<String> command = List.of("pgbench", "-n", "-h", LocalInfrastructure.PG_HOST, "-p", LocalInfrastructure.PG_PORT,
                "-U", LocalInfrastructure.PG_USER, "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                "-f", script.toString(), "-l", "--log-prefix=" + logs.resolve("tx"), target.database());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", LocalInfrastructure.PG_PASSWORD);
        String out = run(pb);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        List<Double> latencies = new ArrayList<>();
        try (var files = Files.list(logs)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] fields = line.split(" ");
                    latencies.add(Long.parseLong(fields[2]) / 1000.0); // microseconds
                }
            }
        }
        Stats parsed = Stats.of("pgbench: the same database work (" + target.script() + ")", latencies, seconds);
        return new Stats(parsed.name(), parsed.count(), Double.parseDouble(tps.group(1)), parsed.p50Ms(), parsed.p99Ms());
    }

    /** Kafka's own end-to-end latency tool: produce (acks=all) to consume, one message at a time. */
    static Stats kafkaEndToEnd() throws Exception {
        int messages = 2000;
        String topic = "bench-e2e-latency-" + System.currentTimeMillis();
        String classpath = System.getProperty("java.class.path");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "org.apache.kafka.tools.EndToEndLatency",
                LocalInfrastructure.KAFKA_BOOTSTRAP, topic, String.valueOf(messages), "all", "500")
                .redirectErrorStream(true);
        String out = run(pb);
        Matcher p = Pattern.compile("Percentiles: 50th = ([0-9.]+), 99th = ([0-9.]+)").matcher(out);
        Matcher avg = Pattern.compile("Avg latency: ([0-9.]+) ms").matcher(out);
        if (!p.find() || !avg.find()) {
            throw new IllegalStateException("EndToEndLatency failed:\n" + out);
        }
        return new Stats("kafka EndToEndLatency (acks=all, 500 B)", messages,
                1000.0 / Double.parseDouble(avg.group(1)), Double.parseDouble(p.group(1)), Double.parseDouble(p.group(2)));
    }

    /** Customer registrations through the gateway, and each one's event delay to a Kafka consumer. */
    static List<Stats> throughGateway(Target target, String gateway, int seconds, int concurrency) throws Exception {
        return throughGateway(target, gateway, seconds, concurrency, 0);
    }

    /**
     * As above; with {@code perSecond > 0} the load is open-loop instead: one request every
     * 1/perSecond s, each on its own virtual thread, whatever the answers' speed (the event delay
     * at a steady, known rate rather than at saturation).
     */
    static List<Stats> throughGateway(Target target, String gateway, int seconds, int concurrency, int perSecond)
            throws Exception {
        String token = Tokens.bearer(target.user());
        List<Double> requestMs = Collections.synchronizedList(new ArrayList<>());
        Map<String, Instant> createdAt = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        List<Double> eventMs = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean loadDone = new java.util.concurrent.atomic.AtomicBoolean();
        try (KafkaEvents events = KafkaEvents.tail(target.topic())) {
            // One thread owns the consumer and polls throughout, so arrival times are real.
            List<KafkaEvents.Received> seen = new ArrayList<>();
            Thread poller = Thread.ofPlatform().start(() -> {
                Instant giveUp = null;
                while (true) {
                    List<KafkaEvents.Received> all = events.all();
                    if (loadDone.get()) {
                        giveUp = giveUp == null ? Instant.now().plusSeconds(60) : giveUp;
                        long matched = all.stream().filter(r -> r.event() != null && target.eventType().equals(r.event().getType())
                                && createdAt.containsKey(r.event().getSubject())).count();
                        if (matched >= createdAt.size() || Instant.now().isAfter(giveUp)) {
                            seen.addAll(all);
                            return;
                        }
                    }
                }
            });
            Instant end = Instant.now().plusSeconds(seconds);
            Runnable oneRequest = () -> {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + target.path()))
                            .header("Authorization", token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(target.nextBody()))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        requestMs.add((System.nanoTime() - t0) / 1e6);
                        Matcher id = ID.matcher(r.body());
                        if (id.find()) {
                            createdAt.put(id.group(1), Instant.now());
                        }
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            };
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                if (perSecond > 0) {
                    long start = System.nanoTime();
                    long intervalNanos = 1_000_000_000L / perSecond;
                    for (long i = 0; Instant.now().isBefore(end); i++) {
                        long wait = start + i * intervalNanos - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        clients.submit(oneRequest);
                    }
                } else {
                    for (int i = 0; i < concurrency; i++) {
                        clients.submit(() -> {
                            while (Instant.now().isBefore(end)) {
                                oneRequest.run();
                            }
                        });
                    }
                }
            }
            loadDone.set(true);
            poller.join();
            for (KafkaEvents.Received r : seen) {
                if (r.event() != null && target.eventType().equals(r.event().getType())
                        && createdAt.containsKey(r.event().getSubject()) && r.event().getTime() != null) {
                    eventMs.add(Duration.between(r.event().getTime().toInstant(), r.receivedAt()).toNanos() / 1e6);
                }
            }
            if (eventMs.size() < createdAt.size()) {
                System.out.println("WARNING: only " + eventMs.size() + " of " + createdAt.size() + " events arrived");
            }
        }
        if (failures.get() > 0) {
            System.out.println("WARNING: " + failures.get() + " requests failed");
        }
        return List.of(Stats.of("forecourt: POST " + target.path() + " via gateway", requestMs, seconds),
                Stats.of("forecourt: event write -> Kafka consumer", eventMs, seconds));
    }

    static String report(int seconds, int concurrency, Stats pgbench, Stats kafka, List<Stats> forecourt) {
        StringBuilder md = new StringBuilder();
        md.append("# Forecourt benchmark\n\n")
          .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
          .append(" cores, ").append(seconds).append(" s per run, ").append(concurrency).append(" concurrent clients.\n\n")
          .append("| path | count | per second | p50 ms | p99 ms | ratio to raw limit |\n|---|---|---|---|---|---|\n");
        Stats creates = forecourt.get(0);
        Stats eventDelay = forecourt.get(1);
        row(md, pgbench, "raw limit (throughput)");
        row(md, creates, String.format("%.2f of pgbench's rate", creates.perSecond() / pgbench.perSecond()));
        row(md, kafka, "raw limit (latency)");
        row(md, eventDelay, String.format("p99 %.1fx Kafka's own p99", eventDelay.p99Ms() / kafka.p99Ms()));
        Stats pacedDelay = forecourt.get(2);
        row(md, pacedDelay, String.format("p99 %.1fx Kafka's own p99", pacedDelay.p99Ms() / kafka.p99Ms()));
        md.append("\nKafka's row 'per second' is 1 / average latency (one message in flight at a time). The event delay is")
          .append(" measured from the CloudEvent `time` (set just before the writing transaction commits) to its arrival")
          .append(" at a consumer, so it slightly over-states commit-to-consumer latency. The relay of the pgbench run")
          .append(" publishes its outbox rows too (topic bench-pgbench), as the real path does. The first event row is")
          .append(" at saturation (the closed-loop clients above, every core busy); the paced row sends requests at a fixed")
          .append(" rate whatever the answers' speed (-Dforecourt.bench.paced-rate, default 20/s).\n");
        return md.toString();
    }

    static void row(StringBuilder md, Stats s, String ratio) {
        md.append(String.format("| %s | %d | %.1f | %.2f | %.2f | %s |%n", s.name(), s.count(), s.perSecond(), s.p50Ms(),
                s.p99Ms(), ratio));
    }

    static String json(Stats pgbench, Stats kafka, List<Stats> forecourt) {
        Map<String, Stats> all = new LinkedHashMap<>();
        all.put("pgbench", pgbench);
        all.put("kafkaEndToEnd", kafka);
        all.put("gatewayCreates", forecourt.get(0));
        all.put("eventDelay", forecourt.get(1));
        all.put("eventDelayPaced", forecourt.get(2));
        StringBuilder out = new StringBuilder("{");
        all.forEach((k, s) -> out.append(String.format("\"%s\":{\"count\":%d,\"perSecond\":%.2f,\"p50Ms\":%.3f,\"p99Ms\":%.3f},",
                k, s.count(), s.perSecond(), s.p50Ms(), s.p99Ms())));
        out.setLength(out.length() - 1);
        return out.append("}\n").toString();
    }

    static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        p.getInputStream().transferTo(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        p.waitFor();
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
