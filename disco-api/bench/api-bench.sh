#!/usr/bin/env bash
# Discovery API benchmark, run by `make bench-api`.
#
# Loads the real server (Jersey on Jetty) over HTTPS with wrk on three endpoints, then a bare
# Jetty 12 handler that serves the same bytes with the same TLS set-up (BareJettyServer, this
# directory's module):
# the limit of this stack. For each run it prints requests/s, p99 latency and the server's CPU
# time per request, and then how close the Jersey path comes to the bare one.
#
# CPU per request is the figure to trust on a small, noisy machine: wrk and the server share the
# cores, so requests/s and p99 move with whatever else runs, while the CPU the server spends on
# each request moves far less (once the JVM is warm, see BENCH_WARMUP_SECONDS).
#
# Settings (environment):
#   BENCH_SECONDS         length of each measured run (default 10)
#   BENCH_WARMUP_SECONDS  unmeasured load on each endpoint of a server before any is measured,
#                         so JIT compilation is not billed to the requests (default BENCH_SECONDS;
#                         0 skips it). A cold server needs about 30 s of load in all before its
#                         CPU per request settles, which the default 10 s x 3 endpoints gives.
#   BENCH_CONNECTIONS     wrk connections (default 64)
#   BENCH_THREADS         wrk threads (default 2)
#   BENCH_API_PORT        port of the real server (default 18443)
#   BENCH_BARE_PORT       port of the bare Jetty server (default 18444)
#   BENCH_JAVA_OPTS       extra JVM options, given to both servers alike (default none)
#
# Everything listens and is loaded on 127.0.0.1 only. The script never builds: it needs
# disco-api/target/disco-api.jar and disco-api/bench/target/disco-api-bench.jar (`make build`).
# The table also goes to disco-api/target/bench-api.txt.
set -euo pipefail

cd "$(dirname "$0")/../.."   # the repository's top, whatever the caller's directory

BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-$BENCH_SECONDS}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_API_PORT=${BENCH_API_PORT:-18443}
BENCH_BARE_PORT=${BENCH_BARE_PORT:-18444}
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:-}"

HOST=127.0.0.1
APP_ID=bench-app          # the app whose 20 groups GET /groups lists
POST_APP_ID=bench-post    # POSTed groups go to another app, so the listing stays at 20 groups
SEED_GROUPS=20
JAR=disco-api/target/disco-api.jar
CERT=test_data/cert.pem
KEY=test_data/key.pem
BENCH_DIR=disco-api/bench
BARE_JAR=$BENCH_DIR/target/disco-api-bench.jar   # BareJettyServer, its classpath in target/lib
WORK=disco-api/target/bench-api      # bodies, captured responses, wrk output, server logs
OUT=disco-api/target/bench-api.txt

die() { echo "api-bench: $*" >&2; exit 1; }

for setting in BENCH_SECONDS BENCH_WARMUP_SECONDS BENCH_CONNECTIONS BENCH_THREADS BENCH_API_PORT BENCH_BARE_PORT; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number, not '${!setting}'"
done
((BENCH_SECONDS > 0)) || die "BENCH_SECONDS must be at least 1"
((BENCH_CONNECTIONS >= BENCH_THREADS && BENCH_THREADS > 0)) \
    || die "wrk needs at least one thread and no fewer connections than threads"
((BENCH_API_PORT != BENCH_BARE_PORT)) || die "BENCH_API_PORT and BENCH_BARE_PORT must differ"

# --- Tools ------------------------------------------------------------------------------------

for jar in "$JAR" "$BARE_JAR"; do
    [[ -f $jar ]] || die "$jar is missing; build it first (make build). This script does not build."
done
command -v curl >/dev/null || die "curl is needed"

# Debian's wrk; installed here so that a fresh machine can run the benchmark as it is.
if ! command -v wrk >/dev/null; then
    echo "Installing wrk (Debian package) ..."
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; } \
        || die "cannot install wrk; run: apt-get update && apt-get install -y wrk"
fi

CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$WORK"

# --- Servers ----------------------------------------------------------------------------------

source bench/processes.sh

# start_server NAME PORT COMMAND...: starts it in the background and waits until it answers
# HTTPS; sets SERVER_PID.
start_server() {
    local name=$1 port=$2 log=$WORK/$1-server.log i
    shift 2
    port_in_use "$port" && die "port $port on $HOST is already in use; set BENCH_API_PORT/BENCH_BARE_PORT"
    "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    bench_started "$SERVER_PID"
    for ((i = 0; i < 600; i++)); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 20 "$log" >&2
            die "the $name server exited at start; its log is $log"
        fi
        # Any HTTP status means TLS and HTTP are up.
        if curl -s -o /dev/null --max-time 2 --cacert "$CERT" "https://$HOST:$port/groups?app-id=$APP_ID"; then
            return 0
        fi
        sleep 0.1
    done
    die "the $name server did not answer on https://$HOST:$port within 60 s; its log is $log"
}

# utime + stime of the whole process (all its threads), in clock ticks. The command name in
# field 2 may hold spaces, so the fields are counted from after its closing parenthesis.
cpu_ticks() {
    local stat
    stat=$(<"/proc/$1/stat") || die "server process $1 is gone"
    stat=${stat##*) }
    awk '{ print $12 + $13 }' <<<"$stat"
}

# --- Bodies -----------------------------------------------------------------------------------

# A peer as Babble writes it: an uncompressed secp256k1 key as 0X04 + 128 hex digits. The key
# is a digest of the seed, so runs send the same bytes. NetAddr is in 198.18/15 (the benchmark
# range); it is only data, nothing connects to it.
peer_json() {
    local seed=$1 n=$2 key
    key=$(printf '%s-%d' "$seed" "$n" | sha512sum | cut -c1-128 | tr 'a-f' 'A-F')
    printf '{"NetAddr":"198.18.0.%d:1337","PubKeyHex":"0X04%s","Moniker":"node-%d"}' $((10 + n)) "$key" "$n"
}

# group_json NAME APP_ID: a realistic group of about 1.4 KB, one that grew from 3 genesis peers
# to 4 peers.
group_json() {
    local name=$1 app=$2 peers="" genesis="" n
    for n in 0 1 2 3; do
        peers+=${peers:+,}$(peer_json "$name" "$n")
        ((n < 3)) && genesis+=${genesis:+,}$(peer_json "$name" "$n")
    done
    printf '{"ID":"","Name":"%s","AppID":"%s","PubKey":"","LastUpdated":0,"Peers":[%s],"GenesisPeers":[%s]}' \
        "$name" "$app" "$peers" "$genesis"
}

POST_BODY=$WORK/post-body.json
group_json bench-post-group "$POST_APP_ID" >"$POST_BODY"

# Seeds the real server with the listed groups and captures its answers for the bare server.
seed_and_capture() {
    local base=https://$HOST:$1 i body status id=""
    for ((i = 1; i <= SEED_GROUPS; i++)); do
        body=$(group_json "bench-group-$i" "$APP_ID")
        status=$(curl -s --cacert "$CERT" -o "$WORK/seed-answer.json" -w '%{http_code}' \
            -X POST -H 'Content-Type: application/json' --data-binary "$body" "$base/group")
        [[ $status == 201 ]] || die "seeding group $i answered $status: $(cat "$WORK/seed-answer.json")"
        [[ -n $id ]] || id=$(tr -d '"' <"$WORK/seed-answer.json")
    done
    GROUP_ID=$id
    curl -sf --cacert "$CERT" -o "$WORK/listing.json" "$base/groups?app-id=$APP_ID"
    curl -sf --cacert "$CERT" -o "$WORK/group.json" "$base/groups/$GROUP_ID"
    local listed
    listed=$(grep -o "\"AppID\":\"$APP_ID\"" "$WORK/listing.json" | wc -l)
    ((listed == SEED_GROUPS)) || die "the listing holds $listed groups, not $SEED_GROUPS"
}

# The bare server must answer byte for byte what the real one did, or the comparison is void.
check_same_bytes() {
    local base=https://$HOST:$1
    curl -sf --cacert "$CERT" -o "$WORK/bare-listing.json" "$base/groups?app-id=$APP_ID"
    curl -sf --cacert "$CERT" -o "$WORK/bare-group.json" "$base/groups/$GROUP_ID"
    cmp -s "$WORK/listing.json" "$WORK/bare-listing.json" || die "bare server's listing differs from the real one"
    cmp -s "$WORK/group.json" "$WORK/bare-group.json" || die "bare server's group differs from the real one"
}

# --- Loads ------------------------------------------------------------------------------------

ENDPOINTS=(list get post)
declare -A LABEL=(
    [list]="GET /groups?app-id ($SEED_GROUPS groups)"
    [get]="GET /groups/{id}"
    [post]="POST /group"
)
declare -A RPS P99 CPU REQS ERRORS

endpoint_url() {
    case $2 in
        list) echo "https://$HOST:$1/groups?app-id=$APP_ID" ;;
        get) echo "https://$HOST:$1/groups/$GROUP_ID" ;;
        post) echo "https://$HOST:$1/group" ;;
    esac
}

# wrk_run SECONDS URL ENDPOINT OUTPUT_FILE
wrk_run() {
    local args=(-t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$1s" --latency)
    [[ $3 == post ]] && args+=(-s "$BENCH_DIR/post-group.lua")
    BENCH_POST_BODY=$POST_BODY wrk "${args[@]}" "$2" >"$4" 2>&1 || { cat "$4" >&2; die "wrk failed on $2"; }
}

# wrk prints times as 850.00us, 1.23ms, 1.02s or 1.50m; the table wants milliseconds.
to_ms() {
    awk -v t="$1" 'BEGIN {
        v = t + 0; u = t; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (f < 0) print "?"; else printf "%.2f", v * f }'
}

# measure SERVER PID PORT ENDPOINT: one measured run, with the server's CPU read around it. Results go to RPS, P99, CPU, REQS and ERRORS under "SERVER,ENDPOINT".
measure() {
    local server=$1 pid=$2 port=$3 endpoint=$4 key=$1,$4 url out before after
    url=$(endpoint_url "$port" "$endpoint")
    out=$WORK/$server-$endpoint.wrk
    echo "  $server: ${LABEL[$endpoint]} for ${BENCH_SECONDS}s ..."
    before=$(cpu_ticks "$pid")
    wrk_run "$BENCH_SECONDS" "$url" "$endpoint" "$out"
    after=$(cpu_ticks "$pid")

    local requests rps p99 non2xx sockets
    requests=$(awk '/ requests in / { print $1 }' "$out")
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
    # "Socket errors: connect 0, read 0, write 0, timeout 0", printed only when there were some.
    sockets=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
    [[ -n $requests && -n $rps && -n $p99 ]] || { cat "$out" >&2; die "cannot read wrk's output in $out"; }

    REQS[$key]=$requests
    RPS[$key]=$rps
    P99[$key]=$(to_ms "$p99")
    CPU[$key]=$(awk -v d=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" \
        'BEGIN { if (n > 0) printf "%.1f", d / hz * 1e6 / n; else print "?" }')
    local errors=""
    ((${non2xx:-0} > 0)) && errors+="non-2xx ${non2xx} "
    ((${sockets:-0} > 0)) && errors+="socket $(awk '/Socket errors:/ { sub(/.*errors: /, ""); print }' "$out") "
    ((requests > 0)) || errors+="no requests "
    ERRORS[$key]=${errors% }
}

# run_all_loads SERVER PID PORT: warms every endpoint up, then measures each.
run_all_loads() {
    local endpoint
    # A cold JVM spends seconds of CPU compiling (C2 threads count in the process's CPU) and
    # serves slowly meanwhile. All endpoints share Jetty, TLS and, for Jersey, Jackson, so all are
    # warmed before any is measured.
    if ((BENCH_WARMUP_SECONDS > 0)); then
        echo "  $1: warming up, ${BENCH_WARMUP_SECONDS}s per endpoint ..."
        for endpoint in "${ENDPOINTS[@]}"; do
            wrk_run "$BENCH_WARMUP_SECONDS" "$(endpoint_url "$3" "$endpoint")" "$endpoint" \
                "$WORK/$1-$endpoint.warmup.wrk"
        done
    fi
    for endpoint in "${ENDPOINTS[@]}"; do
        measure "$1" "$2" "$3" "$endpoint"
    done
}

echo "Starting the discovery API (Jersey) on https://$HOST:$BENCH_API_PORT ..."
start_server jersey "$BENCH_API_PORT" java "${JAVA_OPTS[@]}" -jar "$JAR" \
    --disco-host "$HOST" --disco-port "$BENCH_API_PORT" --cert-file "$CERT" --key-file "$KEY"
JERSEY_PID=$SERVER_PID
seed_and_capture "$BENCH_API_PORT"
run_all_loads jersey "$JERSEY_PID" "$BENCH_API_PORT"
bench_stop "$JERSEY_PID"

echo "Starting bare Jetty on https://$HOST:$BENCH_BARE_PORT ..."
start_server bare "$BENCH_BARE_PORT" java "${JAVA_OPTS[@]}" -jar "$BARE_JAR" \
    "$BENCH_BARE_PORT" "$CERT" "$KEY" "$WORK/listing.json" "$WORK/group.json"
BARE_PID=$SERVER_PID
check_same_bytes "$BENCH_BARE_PORT"
run_all_loads bare "$BARE_PID" "$BENCH_BARE_PORT"
bench_stop "$BARE_PID"

# --- Report -----------------------------------------------------------------------------------

size() { wc -c <"$1" | tr -d ' '; }

report() {
    local endpoint server key status failed=0
    echo "disco-api benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) CPUs  $(java -version 2>&1 | head -n 1)"
    echo "wrk: $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, ${BENCH_SECONDS}s per run" \
        "(after ${BENCH_WARMUP_SECONDS}s warm-up per endpoint), HTTPS on $HOST"
    echo "bodies: listing $(size "$WORK/listing.json") B, group $(size "$WORK/group.json") B," \
        "POST body $(size "$POST_BODY") B"
    echo
    printf '%-30s %-7s %10s %9s %12s %10s  %s\n' endpoint server "req/s" "p99 ms" "CPU us/req" requests status
    for endpoint in "${ENDPOINTS[@]}"; do
        for server in jersey bare; do
            key=$server,$endpoint
            status=ok
            if [[ -n ${ERRORS[$key]} ]]; then
                status="ERRORS: ${ERRORS[$key]}"
                failed=1
            fi
            printf '%-30s %-7s %10s %9s %12s %10s  %s\n' "${LABEL[$endpoint]}" "$server" \
                "${RPS[$key]}" "${P99[$key]}" "${CPU[$key]}" "${REQS[$key]}" "$status"
        done
    done
    echo
    echo "How close Jersey comes to bare Jetty (same TLS, same bytes):"
    printf '%-30s %22s %22s\n' endpoint "req/s, % of bare" "CPU/req, x bare"
    for endpoint in "${ENDPOINTS[@]}"; do
        awk -v label="${LABEL[$endpoint]}" -v jr="${RPS[jersey,$endpoint]}" -v br="${RPS[bare,$endpoint]}" \
            -v jc="${CPU[jersey,$endpoint]}" -v bc="${CPU[bare,$endpoint]}" 'BEGIN {
                r = (br > 0) ? sprintf("%.0f%%", 100 * jr / br) : "?"
                c = (bc > 0) ? sprintf("%.2fx", jc / bc) : "?"
                printf "%-30s %22s %22s\n", label, r, c }'
    done
    if ((BENCH_WARMUP_SECONDS < 10)); then
        echo
        echo "NOTE: warm-up under 10 s per endpoint: the figures include JIT compilation (a smoke run, not a measurement)."
    fi
    if ((failed)); then
        echo
        echo "WARNING: some runs had errors (see status); their figures are not comparable. wrk output: $WORK/*.wrk"
    fi
}

echo
report | tee "$OUT"
# A run with errors fails the benchmark; report ran in tee's pipeline, so the table tells.
if grep -q 'ERRORS:' "$OUT"; then
    exit 1
fi
