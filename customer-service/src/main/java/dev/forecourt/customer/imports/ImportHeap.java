package dev.forecourt.customer.imports;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;

/**
 * The heap an import runs in: roomy while it runs, returned when it ends.
 *
 * <p>The service is run lean (deploy/stack: {@code -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}),
 * so that it serves look-ups in little memory. Under those ratios the serial collector sizes the
 * heap to the import's live set (two chunks in flight, ~40 MB) and the young generation to a third
 * of that: a million-row import then ran ~650 young collections, each copying the chunks in flight
 * (GC log: 21 s of pauses, plus 5 s in 30 full collections, in a 100 s import). Both ratios are
 * manageable flags, so the import raises them while it runs and sets them back after, then collects
 * once: the serial collector returns heap only at a full collection, which an idle service may never
 * reach. Without the JDK's diagnostic bean (another VM), this does nothing but that collection.
 */
final class ImportHeap implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImportHeap.class);
    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";
    /** Free share kept after a collection during an import: the heap grows towards -Xmx. */
    static final int IMPORT_MIN_FREE = 80;
    static final int IMPORT_MAX_FREE = 90;

    private final HotSpotDiagnosticMXBean vm;
    private final String min;
    private final String max;

    private ImportHeap(HotSpotDiagnosticMXBean vm, String min, String max) {
        this.vm = vm;
        this.min = min;
        this.max = max;
    }

    /**
     * Raises the free-heap ratios for the import (never lowers them). Never throws: it runs before the
     * job records that it started, and a VM without these flags imports as well, only more slowly.
     */
    static ImportHeap open() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null) {
            return new ImportHeap(null, null, null);
        }
        String min;
        String max;
        try {
            min = vm.getVMOption(MIN).getValue();
            max = vm.getVMOption(MAX).getValue();
        } catch (RuntimeException e) {
            LOG.debugf(e, "no free-heap ratios to raise");
            return new ImportHeap(null, null, null);
        }
        try {
            // Max first: the VM refuses a minimum above the current maximum.
            vm.setVMOption(MAX, Integer.toString(Math.max(Integer.parseInt(max), IMPORT_MAX_FREE)));
            vm.setVMOption(MIN, Integer.toString(Math.max(Integer.parseInt(min), IMPORT_MIN_FREE)));
        } catch (RuntimeException e) {
            LOG.debugf(e, "free-heap ratios left as they are");
        }
        return new ImportHeap(vm, min, max);
    }

    @Override
    @SuppressWarnings("java:S1215") // an explicit collection is the point here
    public void close() {
        if (vm != null) {
            try {
                vm.setVMOption(MIN, min); // min first, for the same reason
                vm.setVMOption(MAX, max);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not restore the free-heap ratios (%s=%s, %s=%s)", MIN, min, MAX, max);
            }
        }
        System.gc();
    }
}
