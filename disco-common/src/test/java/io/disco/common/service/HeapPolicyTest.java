package io.disco.common.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapPolicyTest {

    @Test
    void flagsLeftAtTheirDefaultsAreSetSoUnusedHeapIsReturned() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        HeapPolicy.apply();
        HeapPolicy.FLAGS.forEach((name, value) -> assertEquals(value, hotspot.getVMOption(name).getValue(), name));
    }
}
