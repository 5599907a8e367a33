# The cluster mode of signal-bench.sh (BENCH_CLUSTER=1), sourced by it once its settings, routers
# and driver runs are defined: see the header there. Sets CLUSTER_STATUS (0, or 1 when a run failed).

((BENCH_CLUSTER_PORT != BENCH_DISCO_PORT && BENCH_CLUSTER_PORT + 1 != BENCH_DISCO_PORT)) \
    || die "BENCH_CLUSTER_PORT and the next port must not be BENCH_DISCO_PORT"
for port in "$BENCH_DISCO_PORT" "$BENCH_CLUSTER_PORT" "$((BENCH_CLUSTER_PORT + 1))"; do
    ((port != BENCH_REDIS_PORT)) || die "BENCH_REDIS_PORT must differ from the routers' ports"
done

if ! command -v redis-server >/dev/null; then
    echo "Installing redis-server (Debian package) ..."
    { apt-get install -y redis-server >/dev/null \
        || { apt-get update >/dev/null && apt-get install -y redis-server >/dev/null; }; } \
        || die "cannot install redis-server; run: apt-get update && apt-get install -y redis-server"
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/disco-bench-signal.XXXXXX")   # redis-server's directory
trap 'bench_stop_all; rm -rf "$SCRATCH"' EXIT

# A Redis of the run's own, holding nothing worth keeping: no snapshot, no append-only file. On
# the router CPUs, as the routers it serves: its CPU is part of what a crossing call costs.
port_in_use "$BENCH_REDIS_PORT" && die "port $BENCH_REDIS_PORT on $HOST is already in use; set BENCH_REDIS_PORT"
taskset -c "$BENCH_ROUTER_CPUS" redis-server --bind "$HOST" --port "$BENCH_REDIS_PORT" --dir "$SCRATCH" \
    --save "" --appendonly no --daemonize no --logfile "" >"$WORK/redis-server.log" 2>&1 &
REDIS_PID=$!
bench_started "$REDIS_PID"
for ((i = 0; i < 100; i++)); do
    kill -0 "$REDIS_PID" 2>/dev/null || die "redis-server exited at start; its log is $WORK/redis-server.log"
    port_in_use "$BENCH_REDIS_PORT" && break
    sleep 0.1
done
port_in_use "$BENCH_REDIS_PORT" || die "redis-server did not listen within 10 s; its log is $WORK/redis-server.log"

echo "Starting disco alone (port $BENCH_DISCO_PORT) and two disco routers on one Redis" \
    "(ports $BENCH_CLUSTER_PORT, $((BENCH_CLUSTER_PORT + 1)); Redis $BENCH_REDIS_PORT) ..."
for router in disco cluster-a cluster-b; do
    start_router "$router" calls
done
TLS[disco]=$(tls_of disco)

CLUSTER_PIDS=${ROUTER_PID[cluster-a]},${ROUTER_PID[cluster-b]},$REDIS_PID
LOAD_URIS[single]=wss://$HOST:$BENCH_DISCO_PORT/
LOAD_PIDS[single]=${ROUTER_PID[disco]}
LOAD_URIS[cross]=wss://$HOST:$BENCH_CLUSTER_PORT/,wss://$HOST:$((BENCH_CLUSTER_PORT + 1))/
LOAD_PIDS[cross]=$CLUSTER_PIDS
LOAD_URIS[within]=wss://$HOST:$BENCH_CLUSTER_PORT/
LOAD_PIDS[within]=$CLUSTER_PIDS
LOADS=(single cross within)

drive single saturate
drive cross saturate
drive within saturate
# More rounds of the three saturated loads, on routers warm by now, in the reverse order every
# other round, so that the machine's drift does not favour one load: the CPU targets are then
# judged on the median of each round's own ratios.
for ((round = 2; round <= BENCH_CLUSTER_ROUNDS; round++)); do
    order=(single cross within)
    ((round % 2 == 0)) && order=(within cross single)
    for load in "${order[@]}"; do
        LOAD_URIS[$load@$round]=${LOAD_URIS[$load]}
        LOAD_PIDS[$load@$round]=${LOAD_PIDS[$load]}
        WARMUP=$BENCH_ROUND_WARMUP_SECONDS drive "$load@$round" saturate
    done
done
drive cross paced
drive single paced
for router in disco cluster-a cluster-b; do
    bench_stop "${ROUTER_PID[$router]}"
done
bench_stop "$REDIS_PID"

# --- Report -----------------------------------------------------------------------------------

# median X...: the middle value (the mean of the two middle ones for an even count), or "?".
median() {
    printf '%s\n' "$@" | grep -v '^?$' | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) print "?"; else if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {   # ratio A B: A/B to two decimals, or "?" when either is missing or B is zero
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || a == "?" || b == "?" || b + 0 == 0) print "?"; else printf "%.2fx", a / b }'
}

cluster_row() {   # cluster_row MODE LABEL SINGLE CROSS WITHIN [CROSS/SINGLE WITHIN/SINGLE]
    printf '%-9s %-34s %12s %12s %12s %13s %13s\n' "$1" "$2" "${3:-?}" "${4:-?}" "${5:-?}" "${6:-}" "${7:-}"
}

cluster_metric() {   # cluster_metric MODE LABEL KEY: one driver figure for the three loads, with ratios
    local s=${R[single,$1,$3]:-?} c=${R[cross,$1,$3]:-?} w=${R[within,$1,$3]:-?}
    if [[ $1 == paced ]]; then   # within is not paced
        cluster_row "$1" "$2" "$s" "$c" - "$(ratio "$c" "$s")"
    else
        cluster_row "$1" "$2" "$s" "$c" "$w" "$(ratio "$c" "$s")" "$(ratio "$w" "$s")"
    fi
}

cluster_verdict() {   # cluster_verdict LOAD MODE
    [[ ${STATUS[$1,$2]:-?} == ok ]] && echo ok || echo FAILED
}

# meets FIGURE BOUND: "met" or "MISSED" (or "?" when the figure is missing).
meets() {
    awk -v f="$1" -v b="$2" 'BEGIN { if (f == "" || f == "?") print "?"; else if (f + 0 <= b + 0) print "met"; else print "MISSED" }'
}

cluster_report() {
    local mode load cross_cpu within_cpu single_cpu cross_p99 r s c w
    echo "disco-signal cluster benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) CPUs  $(java -version 2>&1 | head -n 1)"
    echo "routers: $JAR alone, and two of it with --cluster on redis-server $(redis-server --version | awk '{ print $3 }')" \
        "(loopback, no persistence); wamp.2.json over wss on $HOST, TLS ${TLS[disco]:-?}"
    echo "router JVM options: ${BENCH_JAVA_OPTS:-(defaults)}; load average at start $LOAD_AT_START"
    echo "CPUs: routers and redis-server on $BENCH_ROUTER_CPUS, driver on $BENCH_DRIVER_CPUS (taskset)"
    echo "loads: single = every session on the unclustered router; cross = session i on cluster router i % 2," \
        "calling session i+1's procedure (every call crosses); within = every session on cluster router A"
    echo "saturate: $BENCH_SESSIONS sessions, closed loop, ${BENCH_PAYLOAD_BYTES} B string each way;" \
        "paced: $BENCH_RATE calls/s open loop; each ${BENCH_WARMUP_SECONDS}s warm-up + ${BENCH_SECONDS}s measured"
    echo
    cluster_row mode figure single cross within cross/single within/single
    cluster_metric saturate "routed calls/s" calls_per_s
    cluster_metric saturate "p50 latency, ms" p50_ms
    cluster_metric saturate "p99 latency, ms" p99_ms
    cluster_metric saturate "CPU per call (routers+Redis), us" cpu_us_per_call
    cluster_metric saturate "JIT share of that CPU, %" router_jit_pct
    cluster_metric saturate "calls in window" calls
    cluster_metric saturate "driver CPU per call, us" driver_cpu_us_per_call
    cluster_metric saturate "reads per call (routers+Redis)" router_syscr_per_call
    cluster_metric saturate "writes per call (routers+Redis)" router_syscw_per_call
    cluster_metric saturate "other processes' CPU, cores" others_cores
    cluster_row saturate status "$(cluster_verdict single saturate)" "$(cluster_verdict cross saturate)" \
        "$(cluster_verdict within saturate)"
    cluster_metric paced "achieved calls/s" calls_per_s
    cluster_metric paced "p50 latency, ms" p50_ms
    cluster_metric paced "p99 latency, ms" p99_ms
    cluster_metric paced "max latency, ms" max_ms
    cluster_metric paced "CPU per call (routers+Redis), us" cpu_us_per_call
    cluster_metric paced "JIT share of that CPU, %" router_jit_pct
    cluster_metric paced "other processes' CPU, cores" others_cores
    cluster_row paced status "$(cluster_verdict single paced)" "$(cluster_verdict cross paced)" -
    echo
    single_cpu=${R[single,saturate,cpu_us_per_call]:-?}
    cross_cpu=${R[cross,saturate,cpu_us_per_call]:-?}
    within_cpu=${R[within,saturate,cpu_us_per_call]:-?}
    cross_p99=${R[cross,paced,p99_ms]:-?}
    local cross_ratios=("$(ratio "$cross_cpu" "$single_cpu" | tr -d x)")
    local within_ratios=("$(ratio "$within_cpu" "$single_cpu" | tr -d x)")
    if ((BENCH_CLUSTER_ROUNDS > 1)); then
        echo "saturate CPU per call by round (round 1 as above; later rounds ${BENCH_ROUND_WARMUP_SECONDS}s warm-up each):"
        cluster_row round "CPU per call, us" single cross within cross/single within/single
        for ((r = 1; r <= BENCH_CLUSTER_ROUNDS; r++)); do
            if ((r == 1)); then
                s=$single_cpu c=$cross_cpu w=$within_cpu
            else
                s=${R[single@$r,saturate,cpu_us_per_call]:-?} c=${R[cross@$r,saturate,cpu_us_per_call]:-?}
                w=${R[within@$r,saturate,cpu_us_per_call]:-?}
                cross_ratios+=("$(ratio "$c" "$s" | tr -d x)")
                within_ratios+=("$(ratio "$w" "$s" | tr -d x)")
            fi
            cluster_row "$r" "" "$s" "$c" "$w" "$(ratio "$c" "$s")" "$(ratio "$w" "$s")"
        done
        echo
    fi
    local cross_ratio within_ratio
    cross_ratio=$(median "${cross_ratios[@]}")
    within_ratio=$(median "${within_ratios[@]}")
    local of="round 1"
    ((BENCH_CLUSTER_ROUNDS > 1)) && of="median of $BENCH_CLUSTER_ROUNDS rounds"
    echo "targets (saturate CPU per call against single's, $of; paced p99 of cross):"
    echo "  a crossing call at most 2x a call within the unclustered router: ${cross_ratio}x" \
        "$(meets "$cross_ratio" 2)"
    echo "  a call within one node of a cluster at most 1.1x:               ${within_ratio}x" \
        "$(meets "$within_ratio" 1.1)"
    echo "  p99 under 5 ms at $BENCH_RATE crossing calls/s:                       $cross_p99 ms" \
        "$(meets "$cross_p99" 5)"
    echo
    echo "CPU per call: utime+stime (/proc/PID/stat) over the window of every process the load costs, summed," \
        "/ calls completed in it: single, the unclustered router; cross and within, both cluster routers and redis-server."
    achieved=${R[cross,paced,calls_per_s]:-}
    if [[ ${STATUS[cross,paced]:-?} == ok ]] && awk -v a="$achieved" -v t="$BENCH_RATE" 'BEGIN { exit !(a < 0.95 * t) }'; then
        echo "NOTE: paced cross: achieved $achieved calls/s, not the $BENCH_RATE asked: its latencies measure queueing."
    fi
    for mode in saturate paced; do
        for load in "${LOADS[@]}"; do
            [[ -n ${R[$load,$mode,router_jit_pct]:-} ]] || continue
            if awk -v j="${R[$load,$mode,router_jit_pct]}" 'BEGIN { exit !(j > 5) }'; then
                echo "NOTE: $mode $load: JIT compilation took ${R[$load,$mode,router_jit_pct]}% of the CPU in the window: still warming up (raise BENCH_WARMUP_SECONDS)."
            fi
        done
    done
    for mode in saturate paced; do
        for load in "${LOADS[@]}"; do
            [[ $mode == paced && $load == within ]] && continue
            if [[ ${STATUS[$load,$mode]:-?} != ok ]]; then
                echo "FAILED: $mode $load: ${STATUS[$load,$mode]:-not run}"
            fi
        done
    done
    for ((r = 2; r <= BENCH_CLUSTER_ROUNDS; r++)); do
        for load in "${LOADS[@]}"; do
            if [[ ${STATUS[$load@$r,saturate]:-?} != ok ]]; then
                echo "FAILED: saturate $load, round $r: ${STATUS[$load@$r,saturate]:-not run}"
            fi
        done
    done
}

OUT=disco-signal/target/bench-signal-cluster.txt
echo
cluster_report | tee "$OUT"
CLUSTER_STATUS=0
if grep -q '^FAILED' "$OUT"; then
    CLUSTER_STATUS=1
fi
