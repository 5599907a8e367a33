#!/usr/bin/env bash
# Discovery API benchmark, run by `make bench-api`.
#
# Loads the real server (Jersey on Jetty) over HTTPS with wrk on three endpoints, once per group
# store, and a bare Jetty 12 handler that serves the same bytes with the same TLS set-up
# (BareJettyServer, this directory's module): the limit of this stack. For each it prints
# requests/s, p99 latency and the server's CPU time per request, and how close each comes to the
# bare one.
#
# CPU per request is the figure to trust on a small, noisy machine: wrk and the server share the
# cores, so requests/s and p99 move with whatever else runs, while the CPU the server spends on
# each request moves far less (once the JVM is warm, see BENCH_WARMUP_SECONDS). What a request
# costs still drifts with the machine, by as much as twice from one minute to the next, so every
# server runs from the start and they take turns: each endpoint is loaded on every server one
# after the other (in a different order each round) before the next endpoint, and the figures
# compared are from the same minutes.
#
# Settings (environment):
#   STORES                the stores to load the real server on, comma-separated: memory, sqlite
#                         (a fresh file in a temporary directory), redis (a redis-server of the
#                         script's own on a loopback port, with AOF on, installed from Debian when
#                         missing). Default: every one of them that disco-api.jar offers.
#   BENCH_BASELINE_JAR    another build of disco-api.jar (a copy of the parent commit's, say),
#                         loaded in the same rounds: a change and what it changed, measured in the
#                         same minutes (default none)
#   BENCH_BASELINE_STORE  the store the baseline runs on: memory, sqlite (a file of its own) or
#                         redis (default memory)
#   BENCH_SECONDS         length of each measured run (default 10)
#   BENCH_ROUNDS          measured rounds; each loads every server on every endpoint once and the
#                         figures add up the rounds (default 1)
#   BENCH_WARMUP_SECONDS  unmeasured load on each endpoint of a server before any is measured,
#                         so JIT compilation is not billed to the requests (default BENCH_SECONDS;
#                         0 skips it). A cold server needs about 30 s of load in all before its
#                         CPU per request settles, which the default 10 s x 3 endpoints gives.
#   BENCH_POST_IDS        group IDs the POST load cycles through: it creates that many groups and
#                         then replaces them, so the store stays the size a server keeps
#                         (default 5000; see post-group.lua)
#   BENCH_ENDPOINTS       the loads to run, comma-separated: list, get, post (default all three)
#   BENCH_CONNECTIONS     wrk connections (default 64)
#   BENCH_THREADS         wrk threads (default 2)
#   BENCH_PORT            first of the consecutive loopback ports the servers take: bare Jetty,
#                         then the real servers, then Redis (default 18443)
#   BENCH_JAVA_OPTS       extra JVM options, given to every server alike (default none)
#
# Everything listens and is loaded on 127.0.0.1 only. The script never builds: it needs
# disco-api/target/disco-api.jar and disco-api/bench/target/disco-api-bench.jar (`make build`).
# The table also goes to disco-api/target/bench-api.txt. Under it, for the SQLite store (served
# with --metrics-port), how many writes shared a commit during the measured POST runs.
set -euo pipefail

cd "$(dirname "$0")/../.."   # the repository's top, whatever the caller's directory

BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_ROUNDS=${BENCH_ROUNDS:-1}
BENCH_WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-$BENCH_SECONDS}
BENCH_POST_IDS=${BENCH_POST_IDS:-5000}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_PORT=${BENCH_PORT:-18443}
BENCH_BASELINE_JAR=${BENCH_BASELINE_JAR:-}
BENCH_BASELINE_STORE=${BENCH_BASELINE_STORE:-memory}
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

for setting in BENCH_SECONDS BENCH_ROUNDS BENCH_WARMUP_SECONDS BENCH_POST_IDS BENCH_CONNECTIONS BENCH_THREADS BENCH_PORT; do
    [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number, not '${!setting}'"
done
((BENCH_SECONDS > 0)) || die "BENCH_SECONDS must be at least 1"
((BENCH_ROUNDS > 0)) || die "BENCH_ROUNDS must be at least 1"
((BENCH_POST_IDS > 0)) || die "BENCH_POST_IDS must be at least 1"
((BENCH_CONNECTIONS >= BENCH_THREADS && BENCH_THREADS > 0)) \
    || die "wrk needs at least one thread and no fewer connections than threads"
[[ -z $BENCH_BASELINE_JAR || -f $BENCH_BASELINE_JAR ]] || die "BENCH_BASELINE_JAR: no such file: $BENCH_BASELINE_JAR"
[[ $BENCH_BASELINE_STORE =~ ^(memory|sqlite|redis)$ ]] \
    || die "BENCH_BASELINE_STORE must be memory, sqlite or redis, not '$BENCH_BASELINE_STORE'"

# --- Tools ------------------------------------------------------------------------------------

for jar in "$JAR" "$BARE_JAR"; do
    [[ -f $jar ]] || die "$jar is missing; build it first (make build). This script does not build."
done
command -v curl >/dev/null || die "curl is needed"

# debian_install COMMAND PACKAGE: installs the Debian package when COMMAND is missing, so that a
# fresh machine can run the benchmark as it is.
debian_install() {
    command -v "$1" >/dev/null && return 0
    echo "Installing $2 (Debian package) ..."
    { apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }; } \
        || die "cannot install $2; run: apt-get update && apt-get install -y $2"
}
debian_install wrk wrk

# The stores this build of disco-api.jar offers, as its --store help names them.
STORE_HELP=$(java -jar "$JAR" --help 2>&1 | awk '/^ +--store=/ { on = 1 } on { print } on && /default/ { exit }')
offered_stores() {
    local store
    for store in memory sqlite redis; do
        if [[ $store == memory ]] || grep -q "$store" <<<"$STORE_HELP"; then
            echo "$store"
        fi
    done
}
OFFERED=$(offered_stores | paste -sd, -)
STORES=${STORES:-$OFFERED}
IFS=, read -r -a STORE_LIST <<<"$STORES"
for store in "${STORE_LIST[@]}"; do
    [[ ,$OFFERED, == *,"$store",* ]] || die "STORES names '$store'; $JAR offers $OFFERED"
done
[[ " ${STORE_LIST[*]} " == *" redis "* || -n $BENCH_BASELINE_JAR && $BENCH_BASELINE_STORE == redis ]] \
    && debian_install redis-server redis-server

CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$WORK"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/disco-bench-api.XXXXXX")   # SQLite's file, Redis's directory

# --- Servers ----------------------------------------------------------------------------------

source bench/processes.sh
trap 'bench_stop_all; rm -rf "$SCRATCH"' EXIT

# The flags that keep the real server from refusing the load: POST creates a group per request,
# from one address, far past the defaults' quotas and write rate. Only those a build's help names.
unbounded_flags() {
    local help=$1
    grep -q -- '--max-groups[= ]' <<<"$help" && echo --max-groups=2147483647
    grep -q -- '--max-groups-per-app' <<<"$help" && echo --max-groups-per-app=2147483647
    grep -q -- '--write-rate' <<<"$help" && echo --write-rate=0
    # The seeded groups must outlive a run of several stores, which takes longer than the
    # default TTL of five minutes: their expiry would turn the GETs into 404s half way.
    grep -q -- '--max-ttl' <<<"$help" && echo --max-ttl=24h
    grep -q -- '--ttl=' <<<"$help" && echo --ttl=24h
    return 0
}

# next_port: the next free port from BENCH_PORT on; sets PORT.
NEXT_PORT=$BENCH_PORT
next_port() {
    while port_in_use "$NEXT_PORT"; do
        ((NEXT_PORT++))
    done
    PORT=$NEXT_PORT
    ((NEXT_PORT++))
}

# wait_https NAME PID PORT LOG: until the server answers HTTPS (any status means TLS and HTTP are up).
wait_https() {
    local i
    for ((i = 0; i < 600; i++)); do
        if ! kill -0 "$2" 2>/dev/null; then
            tail -n 20 "$4" >&2
            die "the $1 server exited at start; its log is $4"
        fi
        if curl -s -o /dev/null --max-time 2 --cacert "$CERT" "https://$HOST:$3/groups?app-id=$APP_ID"; then
            return 0
        fi
        sleep 0.1
    done
    die "the $1 server did not answer on https://$HOST:$3 within 60 s; its log is $4"
}

SERVERS=()            # in the order they are reported: bare Jetty, then the real ones
declare -A PID_OF PORT_OF STORE_PID_OF METRICS_PORT_OF

# start_server NAME COMMAND...: starts it in the background on the next free port (the command
# names it as @PORT@) and waits until it answers.
start_server() {
    local name=$1 log=$WORK/$1-server.log arg command=()
    shift
    next_port
    for arg in "$@"; do
        command+=("${arg//@PORT@/$PORT}")
    done
    echo "Starting $name on https://$HOST:$PORT ..."
    "${command[@]}" >"$log" 2>&1 &
    bench_started $!
    PID_OF[$name]=$!
    PORT_OF[$name]=$PORT
    SERVERS+=("$name")
    wait_https "$name" "$!" "$PORT" "$log"
}

# start_redis: a redis-server of this script's own, on loopback, its files in SCRATCH, AOF on as a
# deployment that keeps its groups would run it; sets REDIS_URI.
start_redis() {
    local i
    next_port
    mkdir -p "$SCRATCH/redis-$PORT"
    redis-server --bind "$HOST" --port "$PORT" --dir "$SCRATCH/redis-$PORT" --appendonly yes --save "" \
        --daemonize no --logfile "" >"$WORK/redis-server.log" 2>&1 &
    bench_started $!
    REDIS_PID=$!
    for ((i = 0; i < 100; i++)); do
        kill -0 "$REDIS_PID" 2>/dev/null || die "redis-server exited at start; its log is $WORK/redis-server.log"
        port_in_use "$PORT" && break
        sleep 0.1
    done
    REDIS_URI=redis://$HOST:$PORT
}

# start_api NAME JAR STORE: the real server from JAR on STORE (memory, sqlite, redis), with the
# flags that JAR has.
start_api() {
    local name=$1 jar=$2 help flags=()
    help=$(java -jar "$jar" --help 2>&1)
    case $3 in
        memory) grep -q -- '--store[= ]' <<<"$help" && flags=(--store memory) ;;
        sqlite)
            flags=(--store "sqlite:$SCRATCH/$name.db")
            # Its commits are counted on the metrics listener: how many writes share one.
            if grep -q -- '--metrics-port' <<<"$help"; then
                next_port
                flags+=(--metrics-port "$PORT")
                METRICS_PORT_OF[$name]=$PORT
            fi ;;
        redis) start_redis; flags=(--store "$REDIS_URI"); STORE_PID_OF[$name]=$REDIS_PID ;;
    esac
    mapfile -t -O ${#flags[@]} flags < <(unbounded_flags "$help")
    start_server "$name" java "${JAVA_OPTS[@]}" -jar "$jar" --disco-host "$HOST" --disco-port @PORT@ \
        --cert-file "$CERT" --key-file "$KEY" "${flags[@]}"
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

declare -A GROUP_ID

# seed NAME: gives a real server the listed groups; GROUP_ID[NAME] is the one GET by ID asks for.
seed() {
    local base=https://$HOST:${PORT_OF[$1]} i body status id="" listed
    for ((i = 1; i <= SEED_GROUPS; i++)); do
        body=$(group_json "bench-group-$i" "$APP_ID")
        status=$(curl -s --cacert "$CERT" -o "$WORK/seed-answer.json" -w '%{http_code}' \
            -X POST -H 'Content-Type: application/json' --data-binary "$body" "$base/group")
        [[ $status == 201 ]] || die "seeding group $i on $1 answered $status: $(cat "$WORK/seed-answer.json")"
        [[ -n $id ]] || id=$(tr -d '"' <"$WORK/seed-answer.json")
    done
    GROUP_ID[$1]=$id
    curl -sf --cacert "$CERT" -o "$WORK/$1-listing.json" "$base/groups?app-id=$APP_ID"
    curl -sf --cacert "$CERT" -o "$WORK/$1-group.json" "$base/groups/$id"
    listed=$(grep -o "\"AppID\":\"$APP_ID\"" "$WORK/$1-listing.json" | wc -l)
    ((listed == SEED_GROUPS)) || die "$1's listing holds $listed groups, not $SEED_GROUPS"
}

# The bare server must answer byte for byte what the real one did, or the comparison is void.
check_same_bytes() {
    local base=https://$HOST:${PORT_OF[bare]}
    GROUP_ID[bare]=${GROUP_ID[$1]}
    curl -sf --cacert "$CERT" -o "$WORK/bare-listing.json" "$base/groups?app-id=$APP_ID"
    curl -sf --cacert "$CERT" -o "$WORK/bare-group.json" "$base/groups/${GROUP_ID[bare]}"
    cmp -s "$WORK/$1-listing.json" "$WORK/bare-listing.json" || die "bare server's listing differs from $1's"
    cmp -s "$WORK/$1-group.json" "$WORK/bare-group.json" || die "bare server's group differs from $1's"
}

# --- Loads ------------------------------------------------------------------------------------

IFS=, read -r -a ENDPOINTS <<<"${BENCH_ENDPOINTS:-list,get,post}"
for endpoint in "${ENDPOINTS[@]}"; do
    [[ $endpoint == list || $endpoint == get || $endpoint == post ]] \
        || die "BENCH_ENDPOINTS names '$endpoint'; the loads are list, get and post"
done
declare -A LABEL=(
    [list]="GET /groups?app-id ($SEED_GROUPS groups)"
    [get]="GET /groups/{id}"
    [post]="POST /group ($BENCH_POST_IDS IDs)"
)
# Under "SERVER,ENDPOINT", added up over the rounds.
declare -A RPS_SUM P99 TICKS STORE_TICKS REQS ERRORS COMMITS COMMITTED_WRITES

endpoint_url() {
    local base=https://$HOST:${PORT_OF[$1]}
    case $2 in
        list) echo "$base/groups?app-id=$APP_ID" ;;
        get) echo "$base/groups/${GROUP_ID[$1]}" ;;
        post) echo "$base/group" ;;
    esac
}

# wrk_run SECONDS URL ENDPOINT OUTPUT_FILE
wrk_run() {
    local args=(-t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$1s" --latency)
    [[ $3 == post ]] && args+=(-s "$BENCH_DIR/post-group.lua")
    BENCH_POST_BODY=$POST_BODY BENCH_POST_IDS=$BENCH_POST_IDS wrk "${args[@]}" "$2" >"$4" 2>&1 || { cat "$4" >&2; die "wrk failed on $2"; }
}

# wrk prints times as 850.00us, 1.23ms, 1.02s or 1.50m; the table wants milliseconds.
to_ms() {
    awk -v t="$1" 'BEGIN {
        v = t + 0; u = t; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (f < 0) print "?"; else printf "%.2f", v * f }'
}

# commit_counts SERVER: "COMMITS WRITES", the SQLite store's counters from its metrics listener.
commit_counts() {
    curl -sf --max-time 5 "http://127.0.0.1:${METRICS_PORT_OF[$1]}/metrics" \
        | awk '/^disco_api_store_commits_total / { c = $2 } /^disco_api_store_committed_writes_total / { w = $2 }
               END { if (c == "" || w == "") exit 1; printf "%d %d\n", c, w }' \
        || die "cannot read $1's commit counters on its metrics listener"
}

# measure SERVER ENDPOINT ROUND: one measured run, with the server's CPU (and its store's, when
# the store is a process of its own) read around it.
measure() {
    local server=$1 endpoint=$2 key=$1,$2 pid=${PID_OF[$1]} store_pid=${STORE_PID_OF[$1]:-} out
    local before after store_before=0 store_after=0 commits_before=() commits_after=()
    out=$WORK/$server-$endpoint-$3.wrk
    echo "  round $3: $server, ${LABEL[$endpoint]}, ${BENCH_SECONDS}s ..."
    # Scraped before the CPU is read, so that the scrape's own CPU is not billed to the requests.
    [[ -n ${METRICS_PORT_OF[$server]:-} ]] && read -r -a commits_before <<<"$(commit_counts "$server")"
    before=$(cpu_ticks "$pid")
    [[ -n $store_pid ]] && store_before=$(cpu_ticks "$store_pid")
    wrk_run "$BENCH_SECONDS" "$(endpoint_url "$server" "$endpoint")" "$endpoint" "$out"
    after=$(cpu_ticks "$pid")
    [[ -n $store_pid ]] && store_after=$(cpu_ticks "$store_pid")
    if [[ -n ${METRICS_PORT_OF[$server]:-} ]]; then
        read -r -a commits_after <<<"$(commit_counts "$server")"
        COMMITS[$key]=$((${COMMITS[$key]:-0} + commits_after[0] - commits_before[0]))
        COMMITTED_WRITES[$key]=$((${COMMITTED_WRITES[$key]:-0} + commits_after[1] - commits_before[1]))
    fi

    local requests rps p99 non2xx sockets errors=""
    requests=$(awk '/ requests in / { print $1 }' "$out")
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
    # "Socket errors: connect 0, read 0, write 0, timeout 0", printed only when there were some.
    sockets=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
    [[ -n $requests && -n $rps && -n $p99 ]] || { cat "$out" >&2; die "cannot read wrk's output in $out"; }

    REQS[$key]=$((${REQS[$key]:-0} + requests))
    TICKS[$key]=$((${TICKS[$key]:-0} + after - before))
    STORE_TICKS[$key]=$((${STORE_TICKS[$key]:-0} + store_after - store_before))
    RPS_SUM[$key]=$(awk -v a="${RPS_SUM[$key]:-0}" -v b="$rps" 'BEGIN { print a + b }')
    P99[$key]=$(awk -v a="${P99[$key]:-0}" -v b="$(to_ms "$p99")" 'BEGIN { print (b + 0 > a + 0) ? b : a }')
    ((${non2xx:-0} > 0)) && errors+="non-2xx ${non2xx} "
    ((${sockets:-0} > 0)) && errors+="socket $(awk '/Socket errors:/ { sub(/.*errors: /, ""); print }' "$out") "
    ((requests > 0)) || errors+="no requests "
    [[ -n $errors ]] && ERRORS[$key]+="round $3: ${errors% }; "
    return 0
}

# warm_up SERVER: loads every endpoint unmeasured. A cold JVM spends seconds of CPU compiling (C2
# threads count in the process's CPU) and serves slowly meanwhile; all endpoints share Jetty, TLS
# and, for Jersey, Jackson, so all are warmed before any is measured.
warm_up() {
    local endpoint
    ((BENCH_WARMUP_SECONDS > 0)) || return 0
    echo "  $1: warming up, ${BENCH_WARMUP_SECONDS}s per endpoint ..."
    for endpoint in "${ENDPOINTS[@]}"; do
        wrk_run "$BENCH_WARMUP_SECONDS" "$(endpoint_url "$1" "$endpoint")" "$endpoint" "$WORK/$1-$endpoint.warmup.wrk"
    done
}

for store in "${STORE_LIST[@]}"; do
    start_api "$store" "$JAR" "$store"
    seed "$store"
done
if [[ -n $BENCH_BASELINE_JAR ]]; then
    start_api baseline "$BENCH_BASELINE_JAR" "$BENCH_BASELINE_STORE"
    seed baseline
fi
# Bare Jetty answers with the bytes the first real server answered.
FIRST=${SERVERS[0]}
start_server bare java "${JAVA_OPTS[@]}" -jar "$BARE_JAR" @PORT@ "$CERT" "$KEY" \
    "$WORK/$FIRST-listing.json" "$WORK/$FIRST-group.json"
check_same_bytes "$FIRST"

for server in "${SERVERS[@]}"; do
    warm_up "$server"
done
# Each endpoint on every server in turn, starting one server further on each round, so that no
# server is always the first after a change of endpoint.
for ((round = 1; round <= BENCH_ROUNDS; round++)); do
    for endpoint in "${ENDPOINTS[@]}"; do
        for ((i = 0; i < ${#SERVERS[@]}; i++)); do
            measure "${SERVERS[(i + round - 1) % ${#SERVERS[@]}]}" "$endpoint" "$round"
        done
    done
done
for server in "${SERVERS[@]}"; do
    bench_stop "${PID_OF[$server]}"
done

# --- Report -----------------------------------------------------------------------------------

size() { wc -c <"$1" | tr -d ' '; }

# figure SERVER ENDPOINT WHAT: rps, p99, cpu (µs of the server's CPU per request), store_cpu.
figure() {
    local key=$1,$2
    case $3 in
        rps) awk -v s="${RPS_SUM[$key]}" -v n="$BENCH_ROUNDS" 'BEGIN { printf "%.0f", s / n }' ;;
        p99) echo "${P99[$key]}" ;;
        cpu | store_cpu)
            local ticks=${TICKS[$key]}
            [[ $3 == store_cpu ]] && ticks=${STORE_TICKS[$key]}
            awk -v d="$ticks" -v hz="$CLK_TCK" -v n="${REQS[$key]}" \
                'BEGIN { if (n > 0) printf "%.1f", d / hz * 1e6 / n; else print "?" }' ;;
    esac
}

ratio() {
    awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (b > 0 && a != "?") printf f, a / b; else print "?" }'
}

report() {
    local endpoint server key status failed=0 store_cpu
    echo "disco-api benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) CPUs  $(java -version 2>&1 | head -n 1)"
    echo "wrk: $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, HTTPS on $HOST;" \
        "$BENCH_ROUNDS round(s) of ${BENCH_SECONDS}s per server and endpoint, servers in turn" \
        "(after ${BENCH_WARMUP_SECONDS}s warm-up per endpoint)"
    echo "bodies: listing $(size "$WORK/bare-listing.json") B, group $(size "$WORK/bare-group.json") B," \
        "POST body $(size "$POST_BODY") B"
    [[ -n $BENCH_BASELINE_JAR ]] && echo "baseline: $BENCH_BASELINE_JAR, $BENCH_BASELINE_STORE store"
    echo "x bare: the server's CPU per request over bare Jetty's; x memory: requests/s over the in-memory store's."
    echo "redis: CPU per request of disco-api only; redis-server's own is under 'store CPU'."
    echo
    printf '%-30s %-8s %8s %8s %8s %9s %7s %8s %9s  %s\n' endpoint server "req/s" "p99 ms" "CPU us" "store CPU" \
        "x bare" "x memory" requests status
    for endpoint in "${ENDPOINTS[@]}"; do
        for server in "${SERVERS[@]}"; do
            key=$server,$endpoint
            status=ok
            if [[ -n ${ERRORS[$key]:-} ]]; then
                status="ERRORS: ${ERRORS[$key]}"
                failed=1
            fi
            store_cpu=-
            [[ -n ${STORE_PID_OF[$server]:-} ]] && store_cpu=$(figure "$server" "$endpoint" store_cpu)
            printf '%-30s %-8s %8s %8s %8s %9s %7s %8s %9s  %s\n' "${LABEL[$endpoint]}" "$server" \
                "$(figure "$server" "$endpoint" rps)" "$(figure "$server" "$endpoint" p99)" \
                "$(figure "$server" "$endpoint" cpu)" "$store_cpu" \
                "$([[ $server == bare ]] && echo - || ratio "$(figure "$server" "$endpoint" cpu)" "$(figure bare "$endpoint" cpu)" '%.2fx')" \
                "$([[ $server == bare || -z ${PID_OF[memory]:-} ]] && echo - || ratio "$(figure "$server" "$endpoint" rps)" "$(figure memory "$endpoint" rps)" '%.2f')" \
                "${REQS[$key]}" "$status"
        done
    done
    for server in "${SERVERS[@]}"; do
        [[ -n ${METRICS_PORT_OF[$server]:-} && -n ${COMMITS[$server,post]:-} ]] || continue
        echo
        echo "$server, ${LABEL[post]}: ${COMMITTED_WRITES[$server,post]} writes in ${COMMITS[$server,post]} commits," \
            "$(ratio "${COMMITTED_WRITES[$server,post]}" "${COMMITS[$server,post]}" '%.1f') writes per commit"
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
