package dev.forecourt.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuAccountingTest {

    @Test
    void aProcessIsCountedAsWhatItRuns() {
        assertEquals("customer-service", CpuAccounting.label(
                "java -Xmx192m -jar /work/main/customer-service/target/quarkus-app/quarkus-run.jar"));
        assertEquals("Kafka", CpuAccounting.label("java -Xmx512m kafka.Kafka deploy/.run/kafka/server.properties"));
        // A backend names its database in its title: Keycloak's database is PostgreSQL's work, not Keycloak's.
        assertEquals("PostgreSQL: customer database",
                CpuAccounting.label("postgres: 15/main: forecourt forecourt_customer 127.0.0.1(51394) COPY"));
        assertEquals("PostgreSQL: other", CpuAccounting.label("postgres: 15/main: forecourt forecourt_keycloak 127.0.0.1(4) idle"));
        assertEquals("PostgreSQL: other", CpuAccounting.label("postgres: 15/main: checkpointer "));
        assertEquals("other processes", CpuAccounting.label("/usr/bin/python3 probe.py"));
        assertEquals("this benchmark", CpuAccounting.label("java -cp /root/.m2/repository/dev/forecourt/customer-service/"
                + "0.1.0-SNAPSHOT/customer-service-0.1.0-SNAPSHOT.jar dev.forecourt.bench.ImportBench bench/target"));
    }

    @Test
    void cpuTimeIsUserPlusSystemTicksEvenWhenTheCommandHoldsSpacesAndBrackets() {
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 100 0 0 0 1234 566 0 0 20 0 1 0 100 0 0";
        assertEquals(18.0, CpuAccounting.cpuSeconds(stat), 1e-9);
        assertEquals(0.03, CpuAccounting.cpuSeconds("7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 2 1 0 0 20 0 1 0 5 0 0"), 1e-9);
    }

    @Test
    void theTableSharesTheWindowsCapacity() {
        CpuAccounting.Snapshot before = new CpuAccounting.Snapshot(0, java.util.Map.of("Kafka", 10.0));
        CpuAccounting.Snapshot after = new CpuAccounting.Snapshot(10_000_000_000L,
                java.util.Map.of("Kafka", 15.0, "gateway", 2.0, "gateway: JIT compilers", 1.0));
        String table = CpuAccounting.table(before, after);
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(table.contains(String.format("| Kafka | 5.0 | %.0f %% |", 500.0 / (10 * cores))), table);
        assertTrue(table.contains(String.format("| all processes | 7.0 | %.0f %% |", 700.0 / (10 * cores))),
                "a JVM's compiler threads are part of its total, not added again: " + table);
    }
}
