package dev.forecourt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went during a measured window: user + system time of every process,
 * from /proc, grouped by what the process is (each application, Kafka, Keycloak, PostgreSQL per
 * database), and the JIT compiler threads of the JVMs apart. On these 2-core machines the same
 * import has taken 1.4 times the CPU in one run as in another (every process alike), so a slow
 * run is told apart from slower code by these totals, not by the seconds alone. A process that
 * ends inside the window is missing from the second snapshot, so its CPU is not counted (the
 * applications, Kafka and pooled PostgreSQL connections live through an import; psql runs do not).
 */
final class CpuAccounting {

    /** Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s on every architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final String[][] LABELS = {
            // This benchmark first: its class path may name the customer-service artifact.
            {"ImportBench", "this benchmark"},
            {"customer-service/", "customer-service"}, {"lead-service/", "lead-service"}, {"gateway/", "gateway"},
            {"aftersales-service/", "aftersales-service"}, {"parts-service/", "parts-service"},
            {"complaint-service/", "complaint-service"}, {"kafka.Kafka", "Kafka"}, {"keycloak", "Keycloak"}};
    /** PostgreSQL's backends show their database in the process title. */
    private static final String[][] DATABASES = {
            {"forecourt_customer", "PostgreSQL: customer database"}, {"forecourt_lead", "PostgreSQL: lead database"}};
    /** The applications whose JIT compiler threads are counted apart (thread names as the kernel shows them). */
    private static final List<String> JVMS = List.of("customer-service", "lead-service", "gateway", "Kafka");

    /** CPU seconds by label, JIT compiler threads as "label: JIT compilers" besides their process's total. */
    record Snapshot(long nanoTime, Map<String, Double> seconds) {
    }

    private CpuAccounting() {
    }

    static Snapshot take() {
        Map<String, Double> seconds = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
            for (Path process : processes) {
                String label = label(commandLine(process));
                double cpu = cpuSeconds(process.resolve("stat"));
                if (cpu <= 0) {
                    continue;
                }
                seconds.merge(label, cpu, Double::sum);
                if (JVMS.contains(label)) {
                    seconds.merge(label + ": JIT compilers", compilerSeconds(process), Double::sum);
                }
            }
        } catch (IOException e) {
            // no /proc (not Linux): an empty account
        }
        return new Snapshot(System.nanoTime(), seconds);
    }

    /** What each label used between two snapshots, largest first. */
    static Map<String, Double> between(Snapshot before, Snapshot after) {
        Map<String, Double> used = new HashMap<>();
        after.seconds().forEach((label, s) -> used.put(label, s - before.seconds().getOrDefault(label, 0.0)));
        Map<String, Double> sorted = new LinkedHashMap<>();
        used.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** A Markdown table of {@link #between}, with the share of what the machine's cores could give in the window. */
    static String table(Snapshot before, Snapshot after) {
        double window = (after.nanoTime() - before.nanoTime()) / 1e9;
        double capacity = window * Runtime.getRuntime().availableProcessors();
        Map<String, Double> used = between(before, after);
        double total = used.entrySet().stream().filter(e -> !e.getKey().endsWith(": JIT compilers"))
                .mapToDouble(Map.Entry::getValue).sum();
        StringBuilder md = new StringBuilder(String.format(
                "| where the CPU went (%.1f s window, %.0f core-s available) | core-s | share of the machine |%n|---|---|---|%n",
                window, capacity));
        used.forEach((label, s) -> md.append(String.format("| %s | %.1f | %.0f %% |%n",
                label.endsWith(": JIT compilers") ? "  " + label + " (in the line above)" : label, s, 100 * s / capacity)));
        md.append(String.format("| all processes | %.1f | %.0f %% |%n", total, 100 * total / capacity));
        return md.toString();
    }

    static String label(String commandLine) {
        boolean postgres = commandLine.startsWith("postgres");
        for (String[] l : postgres ? DATABASES : LABELS) {
            if (commandLine.contains(l[0])) {
                return l[1];
            }
        }
        return postgres ? "PostgreSQL: other" : "other processes";
    }

    private static double compilerSeconds(Path process) {
        double sum = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                String stat = read(thread.resolve("stat"));
                if (stat != null && (stat.contains("(C2 CompilerThre") || stat.contains("(C1 CompilerThre"))) {
                    sum += cpuSeconds(stat);
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return sum;
    }

    private static double cpuSeconds(Path stat) {
        String text = read(stat);
        return text == null ? 0 : cpuSeconds(text);
    }

    /** utime + stime from a /proc stat line; the fields after the command, which may hold spaces, in brackets. */
    static double cpuSeconds(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
