package io.disco.signal.bench;

import static io.disco.signal.bench.Result.fmt;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The idle mode: sessions join (TLS, websocket upgrade, HELLO, WELCOME) and stay; the join rate,
 * the router's CPU per join, and its memory before, while holding them, and after a full GC.
 */
final class IdleLoad {

    private final DriverOptions options;
    private final Sessions sessions;
    private final RunErrors errors;

    IdleLoad(DriverOptions options, Sessions sessions, RunErrors errors) {
        this.options = options;
        this.sessions = sessions;
        this.errors = errors;
    }

    void run(Result result) throws Exception {
        long routerPid = options.routerPid();
        int clkTck = options.clkTck();
        int attempted = options.idleSessions();
        long rssBefore = ProcFs.rssKb(routerPid);
        long cpuBefore = ProcFs.cpuTicks(routerPid);
        long start = System.nanoTime();
        List<Peer> peers = sessions.open(attempted, true);
        long joinedAt = System.nanoTime();
        long cpuAfter = ProcFs.cpuTicks(routerPid);
        // Let the router finish whatever the last joins left it (and the driver's close events
        // for failed joins arrive) before reading its memory.
        Thread.sleep(2000);
        long rssAfter = ProcFs.rssKb(routerPid);
        long gcRss = rssAfterFullGc(routerPid);
        long open = peers.stream().filter(Peer::isOpen).count();
        if (open < peers.size()) {
            errors.count("closed idle sessions", (peers.size() - open) + " joined sessions closed while idle");
        }
        int joined = peers.size();
        double elapsed = (joinedAt - start) / 1e9;
        result.put("attempted", attempted);
        result.put("joined", joined);
        result.put("open_at_end", open);
        result.put("join_s", fmt(elapsed, 2));
        result.put("joins_per_s", fmt(joined / elapsed, 1));
        result.put("cpu_ms_per_join", joined == 0 ? "?" : fmt((cpuAfter - cpuBefore) * 1e3 / clkTck / joined, 2));
        result.put("rss_before_kb", rssBefore);
        result.put("rss_after_kb", rssAfter);
        result.put("rss_kb_per_session", joined == 0 ? "?" : fmt((rssAfter - rssBefore) / (double) joined, 2));
        result.put("rss_after_gc_kb", gcRss < 0 ? "?" : gcRss);
        result.put("rss_gc_kb_per_session",
                joined == 0 || gcRss < 0 ? "?" : fmt((gcRss - rssBefore) / (double) joined, 2));
        if (joined < attempted) {
            errors.count("join failures", (attempted - joined) + " of " + attempted + " sessions did not join");
        }
    }

    /**
     * The router's RSS after a full GC (jcmd GC.run), or -1 when jcmd cannot do it. Both routers
     * are JVMs; without this their RSS mostly tells how much garbage the join burst left behind
     * and when each heap last grew, not what a held session costs.
     */
    private static long rssAfterFullGc(long routerPid) throws IOException, InterruptedException {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(routerPid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return -1;
            }
            if (jcmd.exitValue() != 0) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
        Thread.sleep(1000);
        return ProcFs.rssKb(routerPid);
    }
}
