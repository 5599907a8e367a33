package io.disco.signal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** What Linux's /proc tells of a process and of the machine: CPU ticks, I/O counters, memory. */
final class ProcFs {

    private ProcFs() {
    }

    /** utime + stime of a process, all threads, in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        return ticks(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime of this JVM, all threads, in clock ticks. */
    static long ownCpuTicks() throws IOException {
        return ticks(Path.of("/proc/self/stat"));
    }

    private static long ticks(Path procStat) throws IOException {
        String stat = Files.readString(procStat);
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU ticks of a JVM's live JIT compiler threads (HotSpot names them "C1 CompilerThre..."
     * and "C2 CompilerThre..."). A compiler thread that exits in the window takes its ticks with
     * it, so this can only under-count.
     */
    static long compilerTicks(long pid) {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        sum += ticks(task.resolve("stat"));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /** Busy and steal ticks of the whole machine, all CPUs. */
    record MachineTicks(long busy, long steal) {
    }

    /** From /proc/stat's first line. */
    static MachineTicks machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
        // cpu user nice system idle iowait irq softirq steal ...
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new MachineTicks(busy, steal);
    }

    /** A process's /proc/PID/io counters (empty when the kernel does not keep them). */
    static Map<String, Long> io(long pid) {
        Map<String, Long> io = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                String[] parts = line.split(":\\s*");
                if (parts.length == 2) {
                    io.put(parts[0], Long.parseLong(parts[1].trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            io.clear();
        }
        return io;
    }

    /** A process's resident set (VmRSS), in KB. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }
}
