#!/usr/bin/env bash
# TURN relay benchmark, run by `make bench-turn`.
#
# Loads disco-turn (disco-turn.jar) and, as the reference, coturn's own turnserver with coturn's
# test client, turnutils_uclient, relaying to turnutils_peer (an echo peer), over UDP and TCP:
#
#   saturate  BENCH_SAT_CLIENTS clients x BENCH_SAT_MESSAGES messages of BENCH_MESSAGE_BYTES bytes,
#             no pacing (uclient -z 0): as fast as the client can send; loss is expected here.
#   paced     BENCH_PACED_CLIENTS clients sending BENCH_PACED_RATE messages/s in all, for about
#             BENCH_PACED_SECONDS: the load a server must carry with zero loss.
#
# Every run is `turnutils_uclient -c` (no RTCP allocations) with channels (its default), so each
# message crosses the relay twice: client -> relay -> peer, and the echo back. uclient's exit code
# means nothing; its totals are parsed. Each (mode, transport) runs disco, coturn, disco, coturn,
# ... (A B A B, BENCH_ROUNDS times each), so neither server always goes first, and every figure is
# the mean of its rounds. Paced runs on this kind of machine vary by a third from one to the next
# (how the clients' sends happen to bunch decides how many wake-ups they cost): two rounds each
# cannot tell a few percent apart, four can more often.
#
# Server CPU per round trip: the server process's utime+stime (/proc/PID/stat) across one
# uclient run, divided by the round trips it completed (messages received back): the steadiest
# figure on a small shared machine. Servers run pinned to BENCH_SERVER_CPUS (default CPU 0),
# uclient and the peer to BENCH_CLIENT_CPUS (default the other CPUs), so neither steals from the
# other. coturn runs with as many relay threads as it sees CPUs; disco-turn uses its defaults.
# disco-turn runs in a JVM: before the measured runs each server carries one unmeasured
# saturating load per transport (BENCH_WARMUP_ROUNDS of them), so JIT compilation is not billed.
#
# Settings (environment):
#   BENCH_SAT_CLIENTS        clients of saturate (default 10)
#   BENCH_SAT_MESSAGES       messages per client in saturate (default 30000)
#   BENCH_PACED_CLIENTS      clients of paced (default 20)
#   BENCH_PACED_RATE         messages/s of all paced clients together (default 10000)
#   BENCH_PACED_SECONDS      length of a paced run (default 10)
#   BENCH_MESSAGE_BYTES      message length (default 100)
#   BENCH_ROUNDS             measured runs per server, mode and transport (default 4)
#   BENCH_WARMUP_ROUNDS      unmeasured saturating loads per server and transport (default 3)
#   BENCH_TRANSPORTS         "udp tcp" (default) or one of them
#   BENCH_SERVER_CPUS        CPUs of both servers, as taskset -c takes them (default 0)
#   BENCH_CLIENT_CPUS        CPUs of uclient and the peer (default 1-(last CPU); 0 on 1 CPU)
#   BENCH_DISCO_PORT         disco-turn's port (default 19478)
#   BENCH_COTURN_PORT        coturn's port (default 19479)
#   BENCH_PEER_PORT          the echo peer's port (default 19480)
#   BENCH_JAVA_OPTS          JVM options for disco-turn (default none)
#   BENCH_SERVERS            the two servers compared, in this order (default "disco coturn");
#                            "disco disco-metrics" compares disco-turn with itself with metrics on:
#                            --metrics-port BENCH_METRICS_PORT (default 19489; its TURN port is BENCH_DISCO_PORT + 10), scraped every
#                            BENCH_SCRAPE_SECONDS (default 1, fifteen times Prometheus's usual 15 s)
#                            by curl on the client CPUs for as long as the benchmark runs
#
# Everything listens on 127.0.0.1 only; relay ports are 127.0.0.1 too (disco 50000-50999, coturn
# 51000-51999). The script never builds: it needs disco-turn/target/disco-turn.jar (make build)
# and coturn's package (make test-tools installs it). Output: disco-turn/target/bench-turn.txt,
# and every run's uclient output and server log under disco-turn/target/bench-turn/.
set -euo pipefail

cd "$(dirname "$0")/../.."   # the repository's top, whatever the caller's directory

BENCH_SAT_CLIENTS=${BENCH_SAT_CLIENTS:-10}
BENCH_SAT_MESSAGES=${BENCH_SAT_MESSAGES:-30000}
BENCH_PACED_CLIENTS=${BENCH_PACED_CLIENTS:-20}
BENCH_PACED_RATE=${BENCH_PACED_RATE:-10000}
BENCH_PACED_SECONDS=${BENCH_PACED_SECONDS:-10}
BENCH_MESSAGE_BYTES=${BENCH_MESSAGE_BYTES:-100}
BENCH_ROUNDS=${BENCH_ROUNDS:-4}
BENCH_WARMUP_ROUNDS=${BENCH_WARMUP_ROUNDS:-3}
BENCH_TRANSPORTS=${BENCH_TRANSPORTS:-udp tcp}
BENCH_DISCO_PORT=${BENCH_DISCO_PORT:-19478}
BENCH_COTURN_PORT=${BENCH_COTURN_PORT:-19479}
BENCH_PEER_PORT=${BENCH_PEER_PORT:-19480}
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:-}"
CPUS=$(nproc)
BENCH_SERVER_CPUS=${BENCH_SERVER_CPUS:-0}
if ((CPUS > 1)); then
    BENCH_CLIENT_CPUS=${BENCH_CLIENT_CPUS:-1-$((CPUS - 1))}
else
    BENCH_CLIENT_CPUS=${BENCH_CLIENT_CPUS:-0}
fi

HOST=127.0.0.1
USER_NAME=bench
PASSWORD=bench-password
REALM=bench
JAR=disco-turn/target/disco-turn.jar
WORK=disco-turn/target/bench-turn
OUT=disco-turn/target/bench-turn.txt
read -r -a SERVERS <<<"${BENCH_SERVERS:-disco coturn}"
BENCH_METRICS_PORT=${BENCH_METRICS_PORT:-19489}
BENCH_SCRAPE_SECONDS=${BENCH_SCRAPE_SECONDS:-1}

die() { echo "turn-bench: $*" >&2; exit 1; }

for setting in BENCH_SAT_CLIENTS BENCH_SAT_MESSAGES BENCH_PACED_CLIENTS BENCH_PACED_RATE BENCH_PACED_SECONDS \
    BENCH_MESSAGE_BYTES BENCH_WARMUP_ROUNDS BENCH_DISCO_PORT BENCH_COTURN_PORT BENCH_PEER_PORT BENCH_METRICS_PORT \
    BENCH_SCRAPE_SECONDS; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number, not '${!setting}'"
done
((BENCH_SAT_CLIENTS > 0 && BENCH_SAT_MESSAGES > 0 && BENCH_PACED_CLIENTS > 0 && BENCH_PACED_RATE > 0 \
    && BENCH_PACED_SECONDS > 0 && BENCH_MESSAGE_BYTES > 0)) || die "the loads' settings must be at least 1"
# uclient paces each client by a whole number of milliseconds between its messages.
PACED_INTERVAL_MS=$((1000 * BENCH_PACED_CLIENTS / BENCH_PACED_RATE))
((PACED_INTERVAL_MS >= 1)) || die "BENCH_PACED_RATE is too high for $BENCH_PACED_CLIENTS clients (uclient paces in whole ms)"
PACED_MESSAGES=$((BENCH_PACED_SECONDS * 1000 / PACED_INTERVAL_MS))
((${#SERVERS[@]} == 2)) || die "BENCH_SERVERS names two servers, not '${SERVERS[*]}'"
for server in "${SERVERS[@]}"; do
    [[ $server == disco || $server == coturn || $server == disco-metrics ]] \
        || die "BENCH_SERVERS takes disco, coturn and disco-metrics, not '$server'"
done
[[ ${SERVERS[0]} != "${SERVERS[1]}" ]] || die "BENCH_SERVERS names $server twice"
((BENCH_SCRAPE_SECONDS > 0)) || die "BENCH_SCRAPE_SECONDS must be at least 1"
for transport in $BENCH_TRANSPORTS; do
    [[ $transport == udp || $transport == tcp ]] || die "BENCH_TRANSPORTS takes udp and tcp, not '$transport'"
done

[[ -f $JAR ]] || die "$JAR is missing; build it first (make build). This script does not build."
for tool in java taskset turnserver turnutils_uclient turnutils_peer getconf; do
    command -v "$tool" >/dev/null || die "$tool is needed (make test-tools installs coturn's package)"
done
CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$WORK"

# --- Processes --------------------------------------------------------------------------------

source bench/processes.sh

declare -A SERVER_PID
start_server() {
    local name=$1 log=$WORK/$1.log port i pid
    local metrics=()
    port=$(server_port "$name")
    port_in_use "$port" && die "port $port on $HOST is already in use; set BENCH_DISCO_PORT or BENCH_COTURN_PORT"
    case $name in
        disco | disco-metrics)
            if [[ $name == disco-metrics ]]; then
                port_in_use "$BENCH_METRICS_PORT" && die "port $BENCH_METRICS_PORT is already in use; set BENCH_METRICS_PORT"
                metrics=(--metrics-port "$BENCH_METRICS_PORT" --metrics-host "$HOST")
            fi
            # Relay ports apart, so that both can run at once.
            local first=50000
            [[ $name == disco-metrics ]] && first=52000
            taskset -c "$BENCH_SERVER_CPUS" java "${JAVA_OPTS[@]}" -jar "$JAR" --address "$HOST" \
                --relay-bind "$HOST" --ice-port "$port" --min-port "$first" --max-port $((first + 999)) \
                --ice-username "$USER_NAME" --ice-password "$PASSWORD" --realm "$REALM" \
                --allow-loopback-peers --max-allocations-per-user 1000 "${metrics[@]}" >"$log" 2>&1 &
            ;;
        coturn)
            taskset -c "$BENCH_SERVER_CPUS" turnserver -n --listening-ip="$HOST" --relay-ip="$HOST" \
                --listening-port="$port" --min-port=51000 --max-port=51999 --lt-cred-mech \
                --user="$USER_NAME:$PASSWORD" --realm="$REALM" --allow-loopback-peers --no-tls --no-dtls \
                --no-cli --simple-log --log-file=stdout >"$log" 2>&1 &
            ;;
    esac
    pid=$!
    bench_started "$pid"
    SERVER_PID[$name]=$pid
    for ((i = 0; i < 300; i++)); do
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "$name exited at start; its log is $log"; }
        case $name in
            disco | disco-metrics) grep -q "Started TURN server" "$log" && break ;;
            coturn) port_in_use "$port" && return 0 ;;   # it listens on TCP too, once ready
        esac
        sleep 0.1
    done
    ((i < 300)) || die "$name did not start listening within 30 s; its log is $log"
    [[ $name == disco-metrics ]] && start_scraper
    return 0
}

# start_scraper: what Prometheus would do to disco-metrics, BENCH_SCRAPE_SECONDS apart; a scrape
# that fails stops the benchmark, so the figures never come from a server that was not scraped.
start_scraper() {
    local url=http://$HOST:$BENCH_METRICS_PORT/metrics
    curl -sf -o "$WORK/scrape.txt" "$url" || die "disco-metrics does not answer $url"
    grep -q '^disco_turn_relayed_packets_total' "$WORK/scrape.txt" || die "$url has no disco_turn_ metrics"
    (
        while sleep "$BENCH_SCRAPE_SECONDS"; do
            curl -sf -o /dev/null "$url" || { echo "turn-bench: a scrape of $url failed" >&2; exit 1; }
            echo >>"$WORK/scrapes.count"
        done
    ) &
    bench_started "$!"
    SCRAPER_PID=$!
}

server_port() {
    case $1 in
        disco) echo "$BENCH_DISCO_PORT" ;;
        disco-metrics) echo $((BENCH_DISCO_PORT + 10)) ;;
        coturn) echo "$BENCH_COTURN_PORT" ;;
    esac
}

cpu_ticks() {   # cpu_ticks PID: utime + stime
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# --- Runs -------------------------------------------------------------------------------------

declare -A R   # R[server,mode,transport,round,key]

# uclient SERVER MODE TRANSPORT ROUND MEASURED
uclient() {
    local server=$1 mode=$2 transport=$3 round=$4 measured=$5 out args before after pid
    out=$WORK/$server-$mode-$transport-$round.out
    args=(-c -u "$USER_NAME" -w "$PASSWORD" -e "$HOST" -r "$BENCH_PEER_PORT" -p "$(server_port "$server")"
        -l "$BENCH_MESSAGE_BYTES")
    [[ $transport == tcp ]] && args+=(-t)
    case $mode in
        saturate) args+=(-m "$BENCH_SAT_CLIENTS" -n "$BENCH_SAT_MESSAGES" -z 0) ;;
        paced) args+=(-m "$BENCH_PACED_CLIENTS" -n "$PACED_MESSAGES" -z "$PACED_INTERVAL_MS") ;;
    esac
    pid=${SERVER_PID[$server]}
    before=$(cpu_ticks "$pid")
    # Bounded: a server that stops answering must not hang the script.
    timeout 300 taskset -c "$BENCH_CLIENT_CPUS" turnutils_uclient "${args[@]}" "$HOST" >"$out" 2>&1 || true
    after=$(cpu_ticks "$pid")
    kill -0 "$pid" 2>/dev/null || die "$server died during $mode over $transport; its log is $WORK/$server.log"
    ((measured)) || return 0
    local sent recv seconds lost rtt
    sent=$(awk -F'tot_send_msgs=' '/start_mclient: tot_send_msgs=/ { split($2, a, ","); v = a[1] } END { print v }' "$out")
    recv=$(awk -F'tot_recv_msgs=' '/start_mclient: tot_send_msgs=/ { split($2, a, ","); v = a[1] } END { print v }' "$out")
    seconds=$(awk '/Total transmit time is/ { v = $NF } END { print v }' "$out")
    # Loss from the totals: uclient's own "lost packets" line misses messages it never saw answered.
    lost=$(awk -v s="$sent" -v r="$recv" 'BEGIN { if (s > 0) printf "%.2f", (s - r) * 100 / s; else print "?" }')
    rtt=$(awk '/Average round trip delay/ { for (i = 1; i <= NF; i++) if ($i == "delay") v = $(i + 1) } END { print v }' "$out")
    if [[ -z $recv || -z $sent ]]; then
        echo "    $server $mode $transport round $round: no totals in $out" >&2
        R[$server,$mode,$transport,$round,status]=FAILED
        return 0
    fi
    R[$server,$mode,$transport,$round,status]=ok
    R[$server,$mode,$transport,$round,sent]=$sent
    R[$server,$mode,$transport,$round,recv]=$recv
    R[$server,$mode,$transport,$round,seconds]=$seconds
    R[$server,$mode,$transport,$round,lost]=$lost
    R[$server,$mode,$transport,$round,rtt]=$rtt
    R[$server,$mode,$transport,$round,cpu_us]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$recv" \
        'BEGIN { if (n > 0) printf "%.2f", t / hz * 1e6 / n; else print "?" }')
    R[$server,$mode,$transport,$round,rate]=$(awk -v n="$recv" -v s="$seconds" \
        'BEGIN { if (s > 0) printf "%.0f", n / s; else print "?" }')
    echo "    $server $mode $transport round $round: ${R[$server,$mode,$transport,$round,rate]} round trips/s," \
        "loss ${lost}%, CPU ${R[$server,$mode,$transport,$round,cpu_us]} us per round trip"
}

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Starting the echo peer on $HOST:$BENCH_PEER_PORT, ${SERVERS[0]} on $(server_port "${SERVERS[0]}"), ${SERVERS[1]} on $(server_port "${SERVERS[1]}") ..."
rm -f "$WORK/scrapes.count"
port_in_use "$BENCH_PEER_PORT" && die "port $BENCH_PEER_PORT on $HOST is already in use; set BENCH_PEER_PORT"
taskset -c "$BENCH_CLIENT_CPUS" turnutils_peer -L "$HOST" -p "$BENCH_PEER_PORT" >"$WORK/peer.log" 2>&1 &
bench_started "$!"
for server in "${SERVERS[@]}"; do
    start_server "$server"
done

for transport in $BENCH_TRANSPORTS; do
    for ((round = 1; round <= BENCH_WARMUP_ROUNDS; round++)); do
        for server in "${SERVERS[@]}"; do
            echo "  warm-up $round: $server, saturate over $transport ..."
            uclient "$server" saturate "$transport" "w$round" 0
        done
    done
done

for transport in $BENCH_TRANSPORTS; do
    for mode in saturate paced; do
        for ((round = 1; round <= BENCH_ROUNDS; round++)); do
            for server in "${SERVERS[@]}"; do
                echo "  $mode over $transport, round $round: $server ..."
                uclient "$server" "$mode" "$transport" "$round" 1
            done
        done
    done
done

# --- Report -----------------------------------------------------------------------------------

mean() {   # mean SERVER MODE TRANSPORT KEY: of every round, or "?" when any failed
    local round values=()
    for ((round = 1; round <= BENCH_ROUNDS; round++)); do
        values+=("${R[$1,$2,$3,$round,$4]:-?}")
    done
    awk 'BEGIN { for (i = 1; i < ARGC; i++) { if (ARGV[i] == "?" || ARGV[i] == "") { print "?"; exit }
        sum += ARGV[i] } printf "%.2f", sum / (ARGC - 1) }' "${values[@]}"
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "?" || b == "?" || b + 0 == 0) print "?"; else printf "%.2fx", a / b }'
}

report() {
    local transport mode key label d c
    echo "disco-turn benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $CPUS CPUs  $(java -version 2>&1 | head -n 1)"
    echo "servers: ${SERVERS[*]}; disco-turn from $JAR, coturn $(turnserver --version 2>/dev/null | head -n 1); client: turnutils_uclient -c, channels"
    if [[ " ${SERVERS[*]} " == *" disco-metrics "* ]]; then
        echo "disco-metrics: disco-turn with --metrics-port, scraped every ${BENCH_SCRAPE_SECONDS}s ($(wc -l <"$WORK/scrapes.count" 2>/dev/null || echo 0) scrapes in all)"
    fi
    echo "saturate: $BENCH_SAT_CLIENTS clients x $BENCH_SAT_MESSAGES messages, no pacing; paced: $BENCH_PACED_CLIENTS clients," \
        "one message each per $PACED_INTERVAL_MS ms ($BENCH_PACED_RATE/s in all), $PACED_MESSAGES each; $BENCH_MESSAGE_BYTES B messages"
    echo "CPUs: servers on $BENCH_SERVER_CPUS, uclient and peer on $BENCH_CLIENT_CPUS (taskset); load average at start $LOAD_AT_START"
    echo "each figure: the mean of $BENCH_ROUNDS rounds (${SERVERS[0]}, ${SERVERS[1]}, ${SERVERS[0]}, ...); every round is listed below the table"
    echo
    printf '%-9s %-5s %-34s %13s %13s %14s\n' mode proto figure "${SERVERS[@]}" first/second
    for transport in $BENCH_TRANSPORTS; do
        for mode in saturate paced; do
            for key in rate lost rtt cpu_us; do
                case $key in
                    rate) label="round trips/s" ;;
                    lost) label="loss, %" ;;
                    rtt) label="average round trip, ms" ;;
                    cpu_us) label="server CPU per round trip, us" ;;
                esac
                d=$(mean "${SERVERS[0]}" "$mode" "$transport" "$key")
                c=$(mean "${SERVERS[1]}" "$mode" "$transport" "$key")
                printf '%-9s %-5s %-34s %13s %13s %14s\n' "$mode" "$transport" "$label" "$d" "$c" "$(ratio "$d" "$c")"
            done
        done
    done
    echo
    echo "rounds:"
    local server round
    for transport in $BENCH_TRANSPORTS; do
        for mode in saturate paced; do
            for ((round = 1; round <= BENCH_ROUNDS; round++)); do
                for server in "${SERVERS[@]}"; do
                    printf '  %-6s %-8s %-3s round %s: %s\n' "$server" "$mode" "$transport" "$round" \
                        "${R[$server,$mode,$transport,$round,status]:-?} sent=${R[$server,$mode,$transport,$round,sent]:-?} recv=${R[$server,$mode,$transport,$round,recv]:-?} s=${R[$server,$mode,$transport,$round,seconds]:-?} cpu_us=${R[$server,$mode,$transport,$round,cpu_us]:-?}"
                done
            done
        done
    done
    echo
    echo "Round trips/s: messages echoed back / uclient's transmit time (whole seconds, its set-up of a few seconds included)."
    echo "Loss: messages sent and never echoed back, from uclient's totals."
    echo "CPU per round trip: the server's utime+stime over the uclient run / messages echoed back; each crosses the relay twice."
}

report | tee "$OUT"
failed=0
for key in "${!R[@]}"; do
    [[ $key == *,status && ${R[$key]} != ok ]] && failed=1
done
exit "$failed"
