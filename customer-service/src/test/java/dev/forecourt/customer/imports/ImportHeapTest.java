package dev.forecourt.customer.imports;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service runs lean again after an import: the free-heap ratios it was started with come back. */
class ImportHeapTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private String min;
    private String max;

    @BeforeEach
    void leanService() {
        min = vm.getVMOption("MinHeapFreeRatio").getValue();
        max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        vm.setVMOption("MinHeapFreeRatio", "10");
        vm.setVMOption("MaxHeapFreeRatio", "20");
    }

    @AfterEach
    void restore() {
        vm.setVMOption("MinHeapFreeRatio", "0");
        vm.setVMOption("MaxHeapFreeRatio", max);
        vm.setVMOption("MinHeapFreeRatio", min);
    }

    @Test
    void importRunsRoomyAndLeavesTheRatiosAsTheyWere() {
        try (ImportHeap ignored = ImportHeap.open()) {
            assertEquals(Integer.toString(ImportHeap.IMPORT_MIN_FREE), vm.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals(Integer.toString(ImportHeap.IMPORT_MAX_FREE), vm.getVMOption("MaxHeapFreeRatio").getValue());
        }
        assertEquals("10", vm.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals("20", vm.getVMOption("MaxHeapFreeRatio").getValue());
    }

    @Test
    void ratiosAlreadyHigherThanTheImportsAreNotLowered() {
        vm.setVMOption("MaxHeapFreeRatio", "95");
        vm.setVMOption("MinHeapFreeRatio", "85");
        try (ImportHeap ignored = ImportHeap.open()) {
            assertEquals("85", vm.getVMOption("MinHeapFreeRatio").getValue());
            assertEquals("95", vm.getVMOption("MaxHeapFreeRatio").getValue());
        }
        assertEquals("85", vm.getVMOption("MinHeapFreeRatio").getValue());
    }
}
