package io.disco.signal.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What /proc says at one edge of the measured window: the router's and the driver's CPU, the
 * router's I/O counters, the machine's busy and steal time, and the two JVMs' JIT compiler time.
 * Two of them, one at each edge, give the window's figures. A cluster's routers and its Redis count
 * as one router: their CPU, I/O and JIT time are summed.
 */
record WindowEdge(
        long routerCpu,
        long driverCpu,
        Map<String, Long> routerIo,
        ProcFs.MachineTicks machine,
        long routerJit,
        long driverJit) {

    static WindowEdge read(List<Long> routerPids) throws IOException {
        long routerCpu = 0;
        for (long pid : routerPids) {
            routerCpu += ProcFs.cpuTicks(pid);
        }
        long driverCpu = ProcFs.ownCpuTicks();
        Map<String, Long> routerIo = new HashMap<>();
        for (long pid : routerPids) {
            ProcFs.io(pid).forEach((field, value) -> routerIo.merge(field, value, Long::sum));
        }
        ProcFs.MachineTicks machine = ProcFs.machineTicks();
        long routerJit = 0;
        for (long pid : routerPids) {
            routerJit += ProcFs.compilerTicks(pid);
        }
        long driverJit = ProcFs.compilerTicks(ProcessHandle.current().pid());
        return new WindowEdge(routerCpu, driverCpu, routerIo, machine, routerJit, driverJit);
    }
}
