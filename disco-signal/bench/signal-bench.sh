#!/usr/bin/env bash
# Signaling router benchmark, run by `make bench-signal`.
#
# Loads disco's WAMP router (disco-signal.jar) and, as a reference, jawampa 0.5.0's Netty-based
# router (JawampaRouter, module jawampa/) with the same load driver (LoadDriver, this directory's
# module: Jetty's core websocket client run as an event loop, disco's own WAMP codec, wamp.2.json
# over wss), in three modes:
#
#   saturate  BENCH_SESSIONS sessions; session i registers bench.p<i> and calls bench.p<(i+1)%N>
#             in a closed loop (one call outstanding per session) with a BENCH_PAYLOAD_BYTES string;
#             the callee yields a string of the same size. Routed calls/s, p50/p99 latency.
#   paced     the same sessions and procedures, BENCH_RATE calls/s in all, open loop, round-robin
#             over the sessions; latency counts from when each call was due. The rate climbs
#             evenly from none to BENCH_RATE over the first half of the warm-up, so that a cold
#             router is not left a backlog it still drains when the window opens.
#   idle      opens BENCH_IDLE_SESSIONS sessions (TLS, upgrade, HELLO/WELCOME), at most
#             BENCH_IDLE_CONCURRENCY joining at once, and holds them: join rate and the router's
#             RSS before, after, and after a full GC (jcmd GC.run), per session.
#
# For saturate and paced the router's CPU time (utime+stime from /proc/PID/stat, read by the
# driver at the exact edges of the measured window) is divided by the calls completed in it.
# Once the JVMs are warm (the JIT share rows near 0), CPU per call is the figure to trust on this
# small, shared machine: driver and router share the two cores, so calls/s and latency move with
# whatever else runs (the "other processes" rows), the CPU a call costs the router far less.
# The figure is only fair while the router is the bottleneck: a router left waiting for the driver
# sleeps and wakes between calls, and those wake-ups are billed to its calls. So the driver is
# built lean (bytes in and out, no String per message, no thread handoff per readable socket);
# still, it plays every caller and callee, and costs more per call than a fast router: multiply
# the router's CPU per call by its calls/s to see how full its core was.
# Both routers run in JVMs with the same options (BENCH_JAVA_OPTS, none by default).
#
# Router and driver are pinned to CPUs of their own (taskset; BENCH_ROUTER_CPUS and
# BENCH_DRIVER_CPUS, by default the first CPU for the router and the rest for the driver). Left to
# share every CPU, the two JVMs' compiler and collector threads preempt each other's event loops,
# and the paced mode's p99 then measured the scheduler (tens of ms for both routers) rather than
# the router. Pinned, each router has one core to itself, which also caps saturate's calls/s;
# CPU per call is what that mode is for.
#
# Order: both routers are started and stay up for saturate and paced, loaded one at a time and
# alternately (saturate disco, saturate jawampa, paced jawampa, paced disco), so each comes first
# once. Each is then started afresh for the idle mode, so its RSS baseline is a JVM that has
# served nothing. Every run has its own driver JVM, warmed by the same warm-up.
#
# Paired (BENCH_PAIRED=1): saturate loads both routers at once, each with its own driver; the
# routers share the router CPUs, the drivers the driver CPUs. On a virtual machine whose host is
# busy, the CPU a call costs drifts with the host, by as much as twice from one minute to the next
# and for every process alike: routers measured one after the other then compare the minutes
# more than the routers. Measured together, both see the same minutes. Each router then has part
# of a core, and each driver part of one, so calls/s and latency are lower than alone; CPU per
# call is the figure the pairing is for. Paced, which is for latency, still runs one router at a
# time: two open-loop drivers warming up on one core fall seconds behind their schedule.
#
# Settings (environment):
#   BENCH_SECONDS            measured window of saturate and paced (default 10)
#   BENCH_WARMUP_SECONDS     unmeasured load before each window, so JIT compilation (whose threads
#                            count in the router's CPU) is not billed to the calls (default 10).
#                            On 2 cores 10 s is not enough: the table's JIT share rows show how
#                            much compiling is left in the window. Both routers need about a minute
#                            of load before their compilers go quiet (disco longer than jawampa),
#                            so use 60 for figures to compare; 10 keeps a run to about 6 minutes.
#   BENCH_SESSIONS           sessions of saturate and paced (default 200)
#   BENCH_RATE               total calls/s of paced (default 2000)
#   BENCH_IDLE_SESSIONS      sessions the idle mode holds (default 10000)
#   BENCH_IDLE_CONCURRENCY   joins in flight at once in the idle mode (default 200)
#   BENCH_PAYLOAD_BYTES      size of the call's and the yield's string argument (default 2048)
#   BENCH_CALL_TIMEOUT       seconds after which an unanswered call counts as a timeout (default 10)
#   BENCH_DISCO_PORT         disco's port (default 19441)
#   BENCH_JAWAMPA_PORT       jawampa's port (default 19442)
#   BENCH_JAVA_OPTS          JVM options for both routers alike (default none)
#   BENCH_ROUTER_CPUS        CPUs the router runs on, as taskset -c takes them (default 0)
#   BENCH_DRIVER_CPUS        CPUs the load driver runs on (default 1-(last CPU); 0 on a 1-CPU machine)
#   BENCH_PAIRED             1: saturate loads both routers at once (default 0: in turn)
#   BENCH_REFERENCE_JAR      a disco-signal.jar, built from another commit, to load in jawampa's
#                            place: what a change costs, measured in the same run as the change
#                            (default: none, jawampa is the reference; the table's second column)
#   BENCH_CLUSTER            1: the cluster mode below instead of disco against jawampa (default 0)
#   BENCH_CLUSTER_PORT       the first cluster router's port; the second's is the next (default 19443)
#   BENCH_REDIS_PORT         the cluster's redis-server's port (default 19445)
#   BENCH_CLUSTER_ROUNDS     rounds of the three saturated loads (default 3): the CPU targets are
#                            judged on the median of each round's own ratios
#   BENCH_ROUND_WARMUP_SECONDS  warm-up of each run after the first round, the routers being warm
#                            by then; the driver's JVM is new each run (default 20)
#
# Cluster mode (BENCH_CLUSTER=1, cluster-bench.sh): what a call costs when disco's routers act as
# one (--cluster). A redis-server of the script's own (loopback, a temporary directory, no
# persistence; Debian's redis-server is installed when missing) and two disco routers on it, beside
# one unclustered disco router; all of them, Redis too, on the router CPUs. Three loads of the
# same ring of sessions:
#   single    every session on the unclustered router (the reference);
#   cross     session i on cluster router i % 2, so every call crosses from one router to the
#             other through Redis and its answer comes back the same way;
#   within    every session on the first cluster router: calls within one node of a cluster.
# CPU per call is then summed over every process the load costs: for cross and within both
# cluster routers and redis-server (the idle router's heartbeats included). Saturate runs single,
# cross, within; paced runs cross, then single, each at BENCH_RATE. No idle mode. Until compiled,
# the crossing path runs at a tenth of the rate, so 20 s of warm-up leaves it compiling in the
# window: use BENCH_WARMUP_SECONDS=60 for figures to compare.
#
# Everything listens and is loaded on 127.0.0.1 only. The script never builds the project: it
# needs disco-signal/target/disco-signal.jar, the driver's disco-signal/bench/target/
# disco-signal-bench.jar and the reference router's disco-signal/bench/jawampa/target/
# disco-signal-bench-jawampa.jar (`make build`; each bench jar runs on its module's classpath,
# copied into its target/lib/, so jawampa keeps the Jackson and Netty it was released with).
# It writes the table to disco-signal/target/bench-signal.txt, and exits non-zero when any run
# had errors (the table flags which).
set -euo pipefail

cd "$(dirname "$0")/../.."   # the repository's top, whatever the caller's directory

BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-10}
BENCH_SESSIONS=${BENCH_SESSIONS:-200}
BENCH_RATE=${BENCH_RATE:-2000}
BENCH_IDLE_SESSIONS=${BENCH_IDLE_SESSIONS:-10000}
BENCH_IDLE_CONCURRENCY=${BENCH_IDLE_CONCURRENCY:-200}
BENCH_PAYLOAD_BYTES=${BENCH_PAYLOAD_BYTES:-2048}
BENCH_CALL_TIMEOUT=${BENCH_CALL_TIMEOUT:-10}
BENCH_DISCO_PORT=${BENCH_DISCO_PORT:-19441}
BENCH_JAWAMPA_PORT=${BENCH_JAWAMPA_PORT:-19442}
BENCH_PAIRED=${BENCH_PAIRED:-0}
BENCH_REFERENCE_JAR=${BENCH_REFERENCE_JAR:-}
BENCH_CLUSTER=${BENCH_CLUSTER:-0}
BENCH_CLUSTER_PORT=${BENCH_CLUSTER_PORT:-19443}
BENCH_CLUSTER_ROUNDS=${BENCH_CLUSTER_ROUNDS:-3}
BENCH_ROUND_WARMUP_SECONDS=${BENCH_ROUND_WARMUP_SECONDS:-20}
BENCH_REDIS_PORT=${BENCH_REDIS_PORT:-19445}
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:-}"
CPUS=$(nproc)
BENCH_ROUTER_CPUS=${BENCH_ROUTER_CPUS:-0}
if ((CPUS > 1)); then
    BENCH_DRIVER_CPUS=${BENCH_DRIVER_CPUS:-1-$((CPUS - 1))}
else
    BENCH_DRIVER_CPUS=${BENCH_DRIVER_CPUS:-0}
fi

HOST=127.0.0.1
REALM=main
JAR=disco-signal/target/disco-signal.jar
CERT=test_data/cert.pem
KEY=test_data/key.pem
DRIVER_JAR=disco-signal/bench/target/disco-signal-bench.jar
JAWAMPA_JAR=disco-signal/bench/jawampa/target/disco-signal-bench-jawampa.jar
WORK=disco-signal/target/bench-signal      # driver output and router logs
OUT=disco-signal/target/bench-signal.txt
ROUTERS=(disco jawampa)
MODES=(saturate paced idle)

die() { echo "signal-bench: $*" >&2; exit 1; }

for setting in BENCH_SECONDS BENCH_WARMUP_SECONDS BENCH_SESSIONS BENCH_RATE BENCH_IDLE_SESSIONS \
    BENCH_IDLE_CONCURRENCY BENCH_PAYLOAD_BYTES BENCH_CALL_TIMEOUT BENCH_DISCO_PORT BENCH_JAWAMPA_PORT \
    BENCH_CLUSTER_PORT BENCH_REDIS_PORT BENCH_CLUSTER_ROUNDS BENCH_ROUND_WARMUP_SECONDS; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number, not '${!setting}'"
done
((BENCH_SECONDS > 0 && BENCH_SESSIONS > 0 && BENCH_RATE > 0 && BENCH_IDLE_SESSIONS > 0)) \
    || die "BENCH_SECONDS, BENCH_SESSIONS, BENCH_RATE and BENCH_IDLE_SESSIONS must be at least 1"
((BENCH_IDLE_CONCURRENCY > 0 && BENCH_CALL_TIMEOUT > 0)) \
    || die "BENCH_IDLE_CONCURRENCY and BENCH_CALL_TIMEOUT must be at least 1"
((BENCH_CLUSTER_ROUNDS > 0 && BENCH_ROUND_WARMUP_SECONDS > 0)) \
    || die "BENCH_CLUSTER_ROUNDS and BENCH_ROUND_WARMUP_SECONDS must be at least 1"
[[ $BENCH_PAIRED == [01] ]] || die "BENCH_PAIRED must be 0 or 1, not '$BENCH_PAIRED'"
[[ $BENCH_CLUSTER == [01] ]] || die "BENCH_CLUSTER must be 0 or 1, not '$BENCH_CLUSTER'"
((BENCH_DISCO_PORT != BENCH_JAWAMPA_PORT)) || die "BENCH_DISCO_PORT and BENCH_JAWAMPA_PORT must differ"

# --- Limits -----------------------------------------------------------------------------------

# Every held session is a socket in the driver and one in the router, and both inherit this
# limit. 65536 is asked for; a sandbox that forbids raising the hard limit gets what it allows,
# and the idle mode must then fit in it (with room for the JVMs' own files).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
if [[ $NOFILE != unlimited ]] && ((BENCH_IDLE_SESSIONS + 1000 > NOFILE)); then
    die "BENCH_IDLE_SESSIONS=$BENCH_IDLE_SESSIONS needs about $((BENCH_IDLE_SESSIONS + 1000)) open files;" \
        "this shell may have only $NOFILE (ulimit -Hn: $(ulimit -Hn))"
fi
# Each held session also takes a local port; the kernel's range bounds how many can be open.
read -r PORT_LOW PORT_HIGH </proc/sys/net/ipv4/ip_local_port_range
((BENCH_IDLE_SESSIONS + 1000 <= PORT_HIGH - PORT_LOW)) \
    || die "BENCH_IDLE_SESSIONS=$BENCH_IDLE_SESSIONS exceeds the local port range ($PORT_LOW-$PORT_HIGH)"

# --- Tools, jars ------------------------------------------------------------------------------

JARS=("$JAR" "$DRIVER_JAR")
((BENCH_CLUSTER)) || JARS+=("${BENCH_REFERENCE_JAR:-$JAWAMPA_JAR}")
for jar in "${JARS[@]}"; do
    [[ -f $jar ]] || die "$jar is missing; build it first (make build). This script does not build."
done
for tool in java getconf taskset; do
    command -v "$tool" >/dev/null || die "$tool is needed"
done
CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$WORK"

# --- Routers ----------------------------------------------------------------------------------

source bench/processes.sh

router_port() {
    case $1 in
        disco) echo "$BENCH_DISCO_PORT" ;;
        jawampa) echo "$BENCH_JAWAMPA_PORT" ;;
        cluster-a) echo "$BENCH_CLUSTER_PORT" ;;
        cluster-b) echo "$((BENCH_CLUSTER_PORT + 1))" ;;
    esac
}

# start_router NAME LOG_SUFFIX: starts it in the background and waits for its "Started" line;
# sets ROUTER_PID[NAME].
declare -A ROUTER_PID
start_router() {
    local name=$1 log=$WORK/$1-$2.log port i pid
    port=$(router_port "$name")
    port_in_use "$port" && die "port $port on $HOST is already in use; set BENCH_${name^^}_PORT"
    case $name in
        disco)
            taskset -c "$BENCH_ROUTER_CPUS" java "${JAVA_OPTS[@]}" -jar "$JAR" --signal-host "$HOST" --signal-port "$port" \
                --cert-file "$CERT" --key-file "$KEY" \
                --max-pending-calls 100000 --max-queued-messages 100000 >"$log" 2>&1 &
            ;;
        cluster-a | cluster-b)
            taskset -c "$BENCH_ROUTER_CPUS" java "${JAVA_OPTS[@]}" -jar "$JAR" --signal-host "$HOST" --signal-port "$port" \
                --cert-file "$CERT" --key-file "$KEY" --cluster "redis://$HOST:$BENCH_REDIS_PORT" \
                --max-pending-calls 100000 --max-queued-messages 100000 >"$log" 2>&1 &
            ;;
        jawampa)
            if [[ -n $BENCH_REFERENCE_JAR ]]; then
                taskset -c "$BENCH_ROUTER_CPUS" java "${JAVA_OPTS[@]}" -jar "$BENCH_REFERENCE_JAR" --signal-host "$HOST" \
                    --signal-port "$port" --cert-file "$CERT" --key-file "$KEY" \
                    --max-pending-calls 100000 --max-queued-messages 100000 >"$log" 2>&1 &
            else
                taskset -c "$BENCH_ROUTER_CPUS" java "${JAVA_OPTS[@]}" -jar "$JAWAMPA_JAR" \
                    "$HOST" "$port" "$CERT" "$KEY" "$REALM" >"$log" 2>&1 &
            fi
            ;;
    esac
    pid=$!
    bench_started "$pid"
    ROUTER_PID[$name]=$pid
    for ((i = 0; i < 600; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$log" >&2
            die "the $name router exited at start; its log is $log"
        fi
        if grep -q "Started .*router on wss://" "$log" && port_in_use "$port"; then
            return 0
        fi
        sleep 0.1
    done
    die "the $name router did not start within 60 s; its log is $log"
}

# The protocol and cipher each router negotiates, so the table shows both ran the same TLS.
tls_of() {
    command -v openssl >/dev/null || { echo "?"; return; }
    timeout 10 openssl s_client -connect "$HOST:$(router_port "$1")" </dev/null 2>/dev/null \
        | awk '/^New, / { gsub(",", ""); print $2, $5; exit }' || true
}

# --- Runs -------------------------------------------------------------------------------------

declare -A R          # R[router,mode,key] = value from the driver's RESULT line
declare -A STATUS     # STATUS[router,mode] = ok | FAILED ...
declare -A TLS

# drive_start ROUTER MODE: starts one driver run in the background (DRIVER_PID[ROUTER,MODE]).
# ROUTER names a router, or a load of the cluster mode: LOAD_URIS[ROUTER] then lists the routers
# its sessions join in turn, LOAD_PIDS[ROUTER] the processes whose CPU its calls cost (comma separated).
declare -A DRIVER_PID
declare -A LOAD_URIS
declare -A LOAD_PIDS
drive_start() {
    local router=$1 mode=$2 uris pids args
    uris=${LOAD_URIS[$router]:-wss://$HOST:$(router_port "$router")/}
    pids=${LOAD_PIDS[$router]:-${ROUTER_PID[$router]}}
    args=(--mode="$mode" --uri="$uris" --realm="$REALM" --router-pid="$pids"
        --clk-tck="$CLK_TCK" --sessions="$BENCH_SESSIONS" --warmup="${WARMUP:-$BENCH_WARMUP_SECONDS}"
        --seconds="$BENCH_SECONDS" --rate="$BENCH_RATE" --idle-sessions="$BENCH_IDLE_SESSIONS"
        --concurrency="$BENCH_IDLE_CONCURRENCY" --payload-bytes="$BENCH_PAYLOAD_BYTES"
        --call-timeout="$BENCH_CALL_TIMEOUT")
    case $mode in
        saturate) echo "  $router: saturate, $BENCH_SESSIONS sessions, ${WARMUP:-$BENCH_WARMUP_SECONDS}s warm-up + ${BENCH_SECONDS}s ..." ;;
        paced) echo "  $router: paced, $BENCH_RATE calls/s, ${WARMUP:-$BENCH_WARMUP_SECONDS}s warm-up + ${BENCH_SECONDS}s ..." ;;
        idle) echo "  $router: idle, $BENCH_IDLE_SESSIONS sessions ..." ;;
    esac
    taskset -c "$BENCH_DRIVER_CPUS" java -jar "$DRIVER_JAR" "${args[@]}" \
        >"$WORK/$router-$mode.out" 2>"$WORK/$router-$mode.err" &
    DRIVER_PID[$router,$mode]=$!
    bench_started "$!"
}

# drive_finish ROUTER MODE: waits for that run; its RESULT line goes into R, its verdict into STATUS.
drive_finish() {
    local router=$1 mode=$2 out=$WORK/$1-$2.out err=$WORK/$1-$2.err rc=0 line pair pairs
    # The driver bounds its own run time (and halts past it); a failing run is reported in the
    # table, not allowed to stop the script, so the other router still gets measured.
    wait "${DRIVER_PID[$router,$mode]}" || rc=$?
    bench_forget "${DRIVER_PID[$router,$mode]}"
    line=$(grep '^RESULT ' "$out" | tail -n 1 || true)
    read -r -a pairs <<<"$line"   # not a bare $line: a figure may be "?", which would glob
    for pair in "${pairs[@]}"; do
        if [[ $pair == *=* ]]; then
            R[$router,$mode,${pair%%=*}]=${pair#*=}
        fi
    done
    if ((rc == 0)) && [[ -n $line ]]; then
        STATUS[$router,$mode]=ok
    else
        local why="driver exit $rc"
        [[ -n $line ]] || why+=", no result"
        [[ -n ${R[$router,$mode,errors]:-} ]] && why+=", errors ${R[$router,$mode,errors]}"
        [[ -n ${R[$router,$mode,timeouts]:-} ]] && why+=", timeouts ${R[$router,$mode,timeouts]}"
        [[ -n ${R[$router,$mode,error_kinds]:-} ]] && why+=" (${R[$router,$mode,error_kinds]})"
        STATUS[$router,$mode]="FAILED: $why"
        echo "    FAILED ($why); driver output: $out, $err" >&2
        grep 'ERROR' "$err" | head -n 5 >&2 || true
    fi
    # A router that died under load fails everything after it too; say so now.
    local pid pids=${LOAD_PIDS[$router]:-${ROUTER_PID[$router]}}
    for pid in ${pids//,/ }; do
        kill -0 "$pid" 2>/dev/null || die "process $pid of the $router load died; the logs are in $WORK"
    done
}

# drive ROUTER MODE: one driver run, alone.
drive() {
    drive_start "$1" "$2"
    drive_finish "$1" "$2"
}

# drive_paired MODE: both routers loaded at once, each by its own driver, so both are measured
# under the same conditions of the machine.
drive_paired() {
    drive_start disco "$1"
    drive_start jawampa "$1"
    drive_finish disco "$1"
    drive_finish jawampa "$1"
}

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

if ((BENCH_CLUSTER)); then
    source disco-signal/bench/cluster-bench.sh
    exit "$CLUSTER_STATUS"
fi

echo "Starting both routers (disco on port $BENCH_DISCO_PORT, jawampa on $BENCH_JAWAMPA_PORT) ..."
for router in "${ROUTERS[@]}"; do
    start_router "$router" calls
    TLS[$router]=$(tls_of "$router")
done
if ((BENCH_PAIRED)); then
    drive_paired saturate
else
    drive disco saturate
    drive jawampa saturate
fi
drive jawampa paced
drive disco paced
for router in "${ROUTERS[@]}"; do
    bench_stop "${ROUTER_PID[$router]}"
done

for router in "${ROUTERS[@]}"; do
    echo "Starting $router afresh for the idle mode ..."
    start_router "$router" idle
    drive "$router" idle
    bench_stop "${ROUTER_PID[$router]}"
done

# --- Report -----------------------------------------------------------------------------------

# ratio A B: A/B to two decimals, or "?" when either is missing or B is zero.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "" || b == "" || a == "?" || b == "?" || b + 0 == 0) print "?"; else printf "%.2fx", a / b }'
}

# kb_to_mb KB
kb_to_mb() {
    awk -v k="$1" 'BEGIN { if (k == "" || k == "?") print "?"; else printf "%.1f", k / 1024 }'
}

row() {   # row MODE LABEL DISCO JAWAMPA [RATIO]
    printf '%-9s %-30s %14s %14s %14s\n' "$1" "$2" "${3:-?}" "${4:-?}" "${5:-}"
}

metric() {   # metric MODE LABEL KEY: one driver figure for both routers, with its ratio
    local d=${R[disco,$1,$3]:-?} j=${R[jawampa,$1,$3]:-?}
    row "$1" "$2" "$d" "$j" "$(ratio "$d" "$j")"
}

verdict() {   # verdict ROUTER MODE: ok or FAILED, for the table; the reasons go below it
    [[ ${STATUS[$1,$2]:-?} == ok ]] && echo ok || echo FAILED
}

report() {
    local mode failed=0
    echo "disco-signal benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) CPUs  $(java -version 2>&1 | head -n 1)"
    if [[ -n $BENCH_REFERENCE_JAR ]]; then
        echo "routers: disco ($JAR), and in the jawampa column disco as built in $BENCH_REFERENCE_JAR; wamp.2.json over wss on $HOST"
    else
        echo "routers: disco ($JAR), jawampa 0.5.0 (SimpleWampWebsocketListener, Netty 4.1.11); wamp.2.json over wss on $HOST"
    fi
    echo "TLS as negotiated with openssl: disco ${TLS[disco]:-?}; jawampa ${TLS[jawampa]:-?}"
    echo "router JVM options: ${BENCH_JAVA_OPTS:-(defaults)}; open files limit $NOFILE; load average at start $LOAD_AT_START"
    echo "CPUs: router on $BENCH_ROUTER_CPUS, driver on $BENCH_DRIVER_CPUS (taskset)"
    if ((BENCH_PAIRED)); then
        echo "paired: saturate loaded both routers at once (sharing CPU $BENCH_ROUTER_CPUS; their drivers CPU $BENCH_DRIVER_CPUS); paced one at a time"
    fi
    echo "saturate: $BENCH_SESSIONS sessions, closed loop, ${BENCH_PAYLOAD_BYTES} B string each way;" \
        "paced: $BENCH_RATE calls/s open loop; each ${BENCH_WARMUP_SECONDS}s warm-up + ${BENCH_SECONDS}s measured"
    echo "idle: $BENCH_IDLE_SESSIONS sessions, $BENCH_IDLE_CONCURRENCY joining at once, fresh router JVM"
    echo
    row mode metric disco jawampa disco/jawampa
    metric saturate "routed calls/s" calls_per_s
    metric saturate "p50 latency, ms" p50_ms
    metric saturate "p99 latency, ms" p99_ms
    metric saturate "router CPU per call, us" cpu_us_per_call
    metric saturate "router JIT share of its CPU, %" router_jit_pct
    metric saturate "calls in window" calls
    metric saturate "driver CPU per call, us" driver_cpu_us_per_call
    metric saturate "driver JIT share of its CPU, %" driver_jit_pct
    metric saturate "router reads per call" router_syscr_per_call
    metric saturate "router writes per call" router_syscw_per_call
    metric saturate "router bytes written per call" router_wchar_per_call
    metric saturate "other processes' CPU, cores" others_cores
    row saturate status "$(verdict disco saturate)" "$(verdict jawampa saturate)"
    metric paced "achieved calls/s" calls_per_s
    metric paced "p50 latency, ms" p50_ms
    metric paced "p99 latency, ms" p99_ms
    metric paced "max latency, ms" max_ms
    metric paced "router CPU per call, us" cpu_us_per_call
    metric paced "router JIT share of its CPU, %" router_jit_pct
    metric paced "driver CPU per call, us" driver_cpu_us_per_call
    metric paced "driver JIT share of its CPU, %" driver_jit_pct
    metric paced "router reads per call" router_syscr_per_call
    metric paced "router writes per call" router_syscw_per_call
    metric paced "other processes' CPU, cores" others_cores
    row paced status "$(verdict disco paced)" "$(verdict jawampa paced)"
    metric idle "sessions joined" joined
    metric idle "joins/s" joins_per_s
    metric idle "router CPU per join, ms" cpu_ms_per_join
    local d j
    d=$(kb_to_mb "${R[disco,idle,rss_before_kb]:-?}"); j=$(kb_to_mb "${R[jawampa,idle,rss_before_kb]:-?}")
    row idle "RSS before, MB" "$d" "$j" "$(ratio "$d" "$j")"
    d=$(kb_to_mb "${R[disco,idle,rss_after_kb]:-?}"); j=$(kb_to_mb "${R[jawampa,idle,rss_after_kb]:-?}")
    row idle "RSS holding sessions, MB" "$d" "$j" "$(ratio "$d" "$j")"
    metric idle "RSS per session, KB" rss_kb_per_session
    d=$(kb_to_mb "${R[disco,idle,rss_after_gc_kb]:-?}"); j=$(kb_to_mb "${R[jawampa,idle,rss_after_gc_kb]:-?}")
    row idle "RSS after full GC, MB" "$d" "$j" "$(ratio "$d" "$j")"
    metric idle "RSS/session after GC, KB" rss_gc_kb_per_session
    row idle status "$(verdict disco idle)" "$(verdict jawampa idle)"
    for mode in "${MODES[@]}"; do
        [[ ${STATUS[disco,$mode]:-?} == ok && ${STATUS[jawampa,$mode]:-?} == ok ]] || failed=1
    done
    echo
    echo "CPU per call: the router process's utime+stime over the window / calls completed in it (JIT and GC included)."
    echo "JIT share: CPU of the router's C1/C2 compiler threads in the window, as a share of all its CPU."
    echo "Reads/writes: the router's read and write system calls per call (/proc/PID/io); 4 messages cross it per call."
    echo "Latency: measured by the driver per call (paced: from when the call was due); driver and router on CPUs of their own."
    if ((BENCH_PAIRED)); then
        echo "Paired saturate: each router shared its CPU with the other, each driver with the other; other processes' CPU includes them."
    fi
    # An open loop that the router (or the driver) cannot keep up with shows as an achieved rate
    # off the target: the backlog of the warm-up is then being served, or growing.
    local router achieved busy jit
    for router in "${ROUTERS[@]}"; do
        achieved=${R[$router,paced,calls_per_s]:-}
        if [[ ${STATUS[$router,paced]:-?} == ok ]] && awk -v a="$achieved" -v t="$BENCH_RATE" 'BEGIN { exit !(a < 0.95 * t || a > 1.05 * t) }'; then
            echo "NOTE: paced on $router: achieved $achieved calls/s, not the $BENCH_RATE asked: the load exceeded what this machine could serve (a backlog), so its latencies measure queueing."
        fi
    done
    # Another process busy in a window (another build, a test run) took CPU from the pair, so
    # that window's calls/s and latency are low; CPU per call holds up better.
    for mode in saturate paced; do
        for router in "${ROUTERS[@]}"; do
            busy=${R[$router,$mode,others_cores]:-0}
            if ! [[ $BENCH_PAIRED == 1 && $mode == saturate ]] && awk -v b="$busy" 'BEGIN { exit !(b > 0.15) }'; then
                echo "NOTE: $mode on $router: other processes used $busy cores of the window (steal ${R[$router,$mode,steal_cores]:-?}): a noisy run."
            fi
            jit=${R[$router,$mode,router_jit_pct]:-0}
            if awk -v j="$jit" 'BEGIN { exit !(j > 5) }'; then
                echo "NOTE: $mode on $router: the router's JIT compiler took $jit% of its CPU in the window: still warming up, its CPU per call is inflated (raise BENCH_WARMUP_SECONDS)."
            fi
        done
    done
    if ((BENCH_WARMUP_SECONDS < 10)); then
        echo "NOTE: warm-up under 10 s: the figures include JIT compilation (a smoke run, not a measurement)."
    fi
    if ((failed)); then
        echo
        echo "WARNING: some runs FAILED: their figures are not comparable. Driver output: $WORK/*.out, *.err"
        for mode in "${MODES[@]}"; do
            for router in "${ROUTERS[@]}"; do
                [[ ${STATUS[$router,$mode]:-?} == ok ]] || echo "  $mode on $router: ${STATUS[$router,$mode]:-not run}"
            done
        done
    fi
}

echo
report | tee "$OUT"
# A run with errors fails the benchmark; report ran in tee's pipeline, so the table tells.
if grep -q 'FAILED' "$OUT"; then
    exit 1
fi
