package io.disco.signal.bench;

import java.io.IOException;
import java.util.Map;

/**
 * What /proc says at one edge of the measured window: the router's and the driver's CPU, the
 * router's I/O counters, the machine's busy and steal time, and the two JVMs' JIT compiler time.
 * Two of them, one at each edge, give the window's figures.
 */
record WindowEdge(
        long routerCpu,
        long driverCpu,
        Map<String, Long> routerIo,
        ProcFs.MachineTicks machine,
        long routerJit,
        long driverJit) {

    static WindowEdge read(long routerPid) throws IOException {
        long routerCpu = ProcFs.cpuTicks(routerPid);
        long driverCpu = ProcFs.ownCpuTicks();
        Map<String, Long> routerIo = ProcFs.io(routerPid);
        ProcFs.MachineTicks machine = ProcFs.machineTicks();
        long routerJit = ProcFs.compilerTicks(routerPid);
        long driverJit = ProcFs.compilerTicks(ProcessHandle.current().pid());
        return new WindowEdge(routerCpu, driverCpu, routerIo, machine, routerJit, driverJit);
    }
}
