#!/usr/bin/env bash
# disco on several hosts, on one machine: each service in a network namespace of its own, with
# its own address, certificate and command line, as on separate hosts. Run as root.
#
#   198.18.0.11  api     java -jar disco-api.jar    --disco-host 198.18.0.11 --disco-port 1443 --store redis://...
#   198.18.0.12  signal  java -jar disco-signal.jar --signal-host 198.18.0.12 --signal-port 2443
#   198.18.0.13  turn    java -jar disco-turn.jar   --ice-port 3478 --ice-tls-port 5349
#   198.18.0.14            (the turn host's relay address: --address and --relay-bind)
#   198.18.0.15  redis   redis-server, the groups of both API hosts (password, AOF)
#   198.18.0.16  api2    java -jar disco-api.jar    --disco-host 198.18.0.16, the same Redis
#   198.18.0.20  client  what a Babble node does: advertise a group through api and find it
#                        through api2, allocate a relay, signal
#   198.18.0.30  peer    a UDP peer reached through the relay
#
# The hosts share one Ethernet segment: a bridge inside a namespace of its own, each host
# plugged into it by a veth pair. Nothing is added to this machine's own interfaces or routes.
# A throwaway CA signs each service a certificate for its address, and the client trusts that
# CA alone. Clients reach the turn host at 198.18.0.13 and it relays on 198.18.0.14, so the
# relayed address a client receives can only have come from --address.
#
# With --fleet, the fleet shape: every service twice, the routers and the relays each one fleet
# on the shared Redis (--cluster), the API hosts handing out the live relays from it:
#
#   198.18.0.11  api      disco-api.jar    --store, --cluster and --auth-secret on the Redis (environment)
#   198.18.0.16  api2     the same
#   198.18.0.12  signal   disco-signal.jar --cluster on the Redis
#   198.18.0.17  signal2  the same
#   198.18.0.13  turn     disco-turn.jar   --cluster, --auth-secret, --ice-url turn:198.18.0.13...; metrics on :9090
#   198.18.0.14             (its relay address)
#   198.18.0.18  turn2    the same, relaying on 198.18.0.19
#   198.18.0.15  redis    redis-server, the store, the routers' cluster and the relays' fleet
#   198.18.0.20  client   the caller: ICE servers from api, a relay at the first, a call through signal
#   198.18.0.21  client2  the callee: ICE servers from api2, a relay at the first, registered at signal2
#
# Once the fleet's checks have passed, the fleet is made to fail, as the client host's
# FleetFailures asks: Redis stopped (SIGTERM) and started again, then signal2 killed (SIGKILL).
# The routers beat every HEARTBEAT_MS so that a killed one is noticed quickly.
#
# With --client-classpath (the test class path of disco-all, which MultiHostTest passes) the
# script runs the peer and the client (with --fleet: the callee on client2, then the caller, then
# the failures unless --hold), prints the client's checks and exits with its status.
# Without it, or with --hold, it keeps the hosts up until Ctrl-C to be tried by hand.
#
# Every name carries this run's id, so runs never clash; on exit, however it comes, the script
# stops what it started and deletes its namespaces (which takes their veths and bridge along).
# Exit status: 0 when every check passed (or a hold ended with Ctrl-C), 1 on a failure (the
# services' logs are printed), 77 when this machine cannot run it (not root, or no usable
# `ip netns`), with a line saying why.
set -euo pipefail

usage() {
    cat <<EOF
Usage: $0 [--fleet] [--api-jar JAR] [--signal-jar JAR] [--turn-jar JAR] [--client-classpath CLASSPATH] [--hold]
  --fleet                               two hosts of every service, routers and relays on --cluster
  --api-jar, --signal-jar, --turn-jar   the service jars (default: the build's, under disco-*/target)
  --client-classpath CLASSPATH          run the checking client (io.disco.all.multihost.MultiHostClient,
                                        with --fleet FleetClient and FleetCallee, then FleetFailures)
  --hold                                keep the hosts up until Ctrl-C
Environment: JAVA (default: java), JAVA_OPTS (default: -Xmx256m), START_TIMEOUT (seconds, default: 90).
EOF
}

REPO=$(cd "$(dirname "$0")/../.." && pwd)
API_JAR=$REPO/disco-api/target/disco-api.jar
SIGNAL_JAR=$REPO/disco-signal/target/disco-signal.jar
TURN_JAR=$REPO/disco-turn/target/disco-turn.jar
CLIENT_CLASSPATH=
HOLD=false
FLEET=false
JAVA=${JAVA:-java}
read -r -a JAVA_OPTS <<<"${JAVA_OPTS:--Xmx256m}"
START_TIMEOUT=${START_TIMEOUT:-90}

API=198.18.0.11
SIGNAL=198.18.0.12
TURN=198.18.0.13
RELAY=198.18.0.14
REDIS=198.18.0.15
API2=198.18.0.16
CLIENT=198.18.0.20
PEER=198.18.0.30
SIGNAL2=198.18.0.17
TURN2=198.18.0.18
RELAY2=198.18.0.19
CLIENT2=198.18.0.21
METRICS_PORT=9090
HEARTBEAT_MS=500
PEER_PORT=7000
REALM=main
TURN_USER=multihost

say() { echo "multi-host: $*"; }
die() { say "$*" >&2; exit 1; }
skip() { say "skipped: $*"; exit 77; }

while (($#)); do
    case $1 in
        --api-jar) API_JAR=$2; shift 2 ;;
        --signal-jar) SIGNAL_JAR=$2; shift 2 ;;
        --turn-jar) TURN_JAR=$2; shift 2 ;;
        --client-classpath) CLIENT_CLASSPATH=$2; shift 2 ;;
        --hold) HOLD=true; shift ;;
        --fleet) FLEET=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ -n $CLIENT_CLASSPATH ]] || HOLD=true

((EUID == 0)) || skip "network namespaces need root (this is uid $EUID)"
command -v ip >/dev/null || skip "iproute2's ip is not installed"
for jar in "$API_JAR" "$SIGNAL_JAR" "$TURN_JAR"; do
    [[ -f $jar ]] || die "$jar is missing: build the jars first (make build)"
done
for tool in "$JAVA" openssl redis-server; do
    command -v "$tool" >/dev/null || die "$tool is needed"
done

RUN=$(printf '%04x%04x' $(($$ & 0xffff)) "$RANDOM")
PREFIX=disco-mh-$RUN
WORK=$(mktemp -d -t "disco-multi-host.$RUN.XXXXXX")
NAMESPACES=()
declare -A PID_OF

# --- Cleanup ----------------------------------------------------------------------------------

# ours PID: whether PID is still a child of this script (bash reaps a finished job at once, and
# the kernel may give its PID to any other process).
ours() {
    [[ $(awk '/^PPid:/ { print $2 }' "/proc/$1/status" 2>/dev/null) == "$$" ]]
}

# SIGTERM to what this script started, up to 15 s to stop (the services drain first), then
# SIGKILL; then whatever is still inside our namespaces, which only this script entered.
stop_processes() {
    local name pid ns i alive
    for pid in "${PID_OF[@]}"; do
        ! ours "$pid" || kill -TERM "$pid" 2>/dev/null || true
    done
    for ((i = 0; i < 150; i++)); do
        alive=false
        for pid in "${PID_OF[@]}"; do
            ! ours "$pid" || alive=true
        done
        $alive || break
        sleep 0.1
    done
    for name in "${!PID_OF[@]}"; do
        pid=${PID_OF[$name]}
        ! ours "$pid" || kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        unset "PID_OF[$name]"
    done
    for ns in "${NAMESPACES[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -KILL "$pid" 2>/dev/null || true
        done
    done
}

cleanup() {
    local status=$? ns log
    set +e
    stop_processes
    for ns in "${NAMESPACES[@]}"; do
        ip netns delete "$ns" || say "could not delete namespace $ns"
    done
    if ((status != 0 && status != 77)); then
        for log in "$WORK"/*.log; do
            [[ -s $log ]] || continue
            say "--- $(basename "$log" .log) log ---"
            cat "$log"
        done
    fi
    rm -rf "$WORK"
    ((${#NAMESPACES[@]} == 0)) || say "run $RUN cleaned up"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Network ----------------------------------------------------------------------------------

NET=$PREFIX-net
ip netns add "$NET" 2>"$WORK/netns.err" || skip "ip netns does not work here: $(<"$WORK/netns.err")"
NAMESPACES+=("$NET")
say "run $RUN: namespaces $PREFIX-*, files in $WORK"
ip -n "$NET" link set lo up
ip -n "$NET" link add br0 type bridge
ip -n "$NET" link set br0 up

# add_host NAME ADDRESS...: namespace $PREFIX-NAME, its eth0 plugged into the bridge.
add_host() {
    local name=$1 ns=$PREFIX-$1 address
    shift
    ip netns add "$ns"
    NAMESPACES+=("$ns")
    ip -n "$ns" link set lo up
    ip -n "$NET" link add "$name" type veth peer name eth0 netns "$ns"
    ip -n "$NET" link set "$name" master br0 up
    for address; do
        ip -n "$ns" address add "$address/24" dev eth0
    done
    ip -n "$ns" link set eth0 up
}
add_host api "$API"
add_host signal "$SIGNAL"
add_host turn "$TURN" "$RELAY"
add_host redis "$REDIS"
add_host api2 "$API2"
add_host client "$CLIENT"
if $FLEET; then
    add_host signal2 "$SIGNAL2"
    add_host turn2 "$TURN2" "$RELAY2"
    add_host client2 "$CLIENT2"
else
    [[ -z $CLIENT_CLASSPATH ]] || add_host peer "$PEER"
fi

# --- Certificates -----------------------------------------------------------------------------

# tls ARGS...: openssl, quiet unless it fails.
tls() {
    openssl "$@" 2>"$WORK/openssl.err" || die "openssl $1 failed: $(<"$WORK/openssl.err")"
}

tls req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=disco multi-host CA $RUN" -keyout "$WORK/ca.key" -out "$WORK/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign"

# certificate NAME ADDRESS: $WORK/NAME.pem and NAME.key, valid for ADDRESS, signed by the CA.
certificate() {
    local name=$1 address=$2
    tls req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$address" \
        -keyout "$WORK/$name.key" -out "$WORK/$name.csr"
    printf '%s\n' "subjectAltName=IP:$address" "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$WORK/$name.ext"
    tls x509 -req -in "$WORK/$name.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial \
        -CAserial "$WORK/ca.srl" -days 2 -extfile "$WORK/$name.ext" -out "$WORK/$name.pem"
}
certificate api "$API"
certificate signal "$SIGNAL"
certificate turn "$TURN"
certificate api2 "$API2"
TURN_PASSWORD=$(openssl rand -hex 16)
REDIS_PASSWORD=$(openssl rand -hex 16)
if $FLEET; then
    certificate signal2 "$SIGNAL2"
    certificate turn2 "$TURN2"
    # The TURN REST secret the relays check and the API hosts sign with; the token POST /drain asks for.
    AUTH_SECRET=$(openssl rand -hex 16)
    openssl rand -hex 16 >"$WORK/admin.token"
fi

# --- Hosts ------------------------------------------------------------------------------------

# start NAME COMMAND...: runs COMMAND on host NAME in the background, its output in NAME.log.
start() {
    local name=$1
    shift
    ip netns exec "$PREFIX-$name" "$@" >"$WORK/$name.log" 2>&1 &
    PID_OF[$name]=$!
}

# running NAME: whether host NAME's process is still up.
running() {
    ours "${PID_OF[$1]}" && [[ $(awk '{ print $3 }' "/proc/${PID_OF[$1]}/stat" 2>/dev/null) != Z ]]
}

# await NAME TEXT: waits until NAME's log has a line with TEXT (a service's "Started" line), as
# long as NAME runs and at most START_TIMEOUT seconds; prints that line.
await() {
    local name=$1 text=$2 deadline=$((SECONDS + START_TIMEOUT))
    until grep -qsF -- "$text" "$WORK/$name.log"; do
        running "$name" || die "$name exited before it was ready"
        ((SECONDS < deadline)) || die "$name was not ready within $START_TIMEOUT s"
        sleep 0.2
    done
    say "$(printf '%-7s' "$name") $(grep -m1 -F -- "$text" "$WORK/$name.log" | sed 's/^.* - //')"
}

# Redis first: an API host that cannot reach its store at start exits. The password reaches the
# API hosts in their environment (DISCO_STORE), not on their command lines.
mkdir "$WORK/redis"
printf '%s\n' "bind $REDIS" "port 6379" "dir $WORK/redis" "daemonize no" "appendonly yes" \
    "appendfsync everysec" "save \"\"" "requirepass $REDIS_PASSWORD" >"$WORK/redis/redis.conf"
start redis redis-server "$WORK/redis/redis.conf"
await redis "Ready to accept connections"
STORE="redis://:$REDIS_PASSWORD@$REDIS:6379"

if $FLEET; then
    # The Redis URL (with its password) and the REST secret reach the services in their environment.
    for api in api api2; do
        address=${api^^}
        start "$api" env DISCO_STORE="$STORE" DISCO_CLUSTER="$STORE" DISCO_AUTH_SECRET="$AUTH_SECRET" "$JAVA" "${JAVA_OPTS[@]}" -jar "$API_JAR" \
            --disco-host "${!address}" --disco-port 1443 --redis-prefix multi-host: \
            --cert-file "$WORK/$api.pem" --key-file "$WORK/$api.key"
    done
    for signal in signal signal2; do
        address=${signal^^}
        start "$signal" env DISCO_CLUSTER="$STORE" "$JAVA" "${JAVA_OPTS[@]}" -jar "$SIGNAL_JAR" --signal-host "${!address}" \
            --signal-port 2443 --realm "$REALM" --redis-prefix multi-host: --cluster-heartbeat "${HEARTBEAT_MS}ms" \
            --cert-file "$WORK/$signal.pem" --key-file "$WORK/$signal.key"
    done
    for turn in turn turn2; do
        address=${turn^^}
        relay=RELAY${turn#turn}
        start "$turn" env DISCO_CLUSTER="$STORE" DISCO_AUTH_SECRET="$AUTH_SECRET" "$JAVA" "${JAVA_OPTS[@]}" -jar "$TURN_JAR" --address "${!relay}" \
            --relay-bind "${!relay}" --ice-port 3478 --ice-tls-port 5349 --realm "$REALM" \
            --ice-username "$TURN_USER" --ice-password "$TURN_PASSWORD" --redis-prefix multi-host: \
            --ice-url "turn:${!address}:3478?transport=udp,turn:${!address}:3478?transport=tcp,turns:${!address}:5349?transport=tcp" \
            --metrics-host "${!address}" --metrics-port "$METRICS_PORT" --admin-token-file "$WORK/admin.token" \
            --cert-file "$WORK/$turn.pem" --key-file "$WORK/$turn.key"
    done
    SERVICES=(redis api api2 signal signal2 turn turn2)
    # The relays first: the API hosts hand out whichever have announced themselves.
    await turn "Started TURN server on udp/3478, tcp/3478, tls/5349"
    await turn2 "Started TURN server on udp/3478, tcp/3478, tls/5349"
    await api "Started discovery API on https://$API:1443"
    await api2 "Started discovery API on https://$API2:1443"
    await signal "Started signaling router on wss://$SIGNAL:2443/"
    await signal2 "Started signaling router on wss://$SIGNAL2:2443/"
else
    start api env DISCO_STORE="$STORE" "$JAVA" "${JAVA_OPTS[@]}" -jar "$API_JAR" --disco-host "$API" --disco-port 1443 \
        --redis-prefix multi-host: --cert-file "$WORK/api.pem" --key-file "$WORK/api.key"
    start api2 env DISCO_STORE="$STORE" "$JAVA" "${JAVA_OPTS[@]}" -jar "$API_JAR" --disco-host "$API2" --disco-port 1443 \
        --redis-prefix multi-host: --cert-file "$WORK/api2.pem" --key-file "$WORK/api2.key"
    start signal "$JAVA" "${JAVA_OPTS[@]}" -jar "$SIGNAL_JAR" --signal-host "$SIGNAL" --signal-port 2443 \
        --realm "$REALM" --cert-file "$WORK/signal.pem" --key-file "$WORK/signal.key"
    start turn "$JAVA" "${JAVA_OPTS[@]}" -jar "$TURN_JAR" --address "$RELAY" --relay-bind "$RELAY" \
        --ice-port 3478 --ice-tls-port 5349 --realm "$REALM" \
        --ice-username "$TURN_USER" --ice-password "$TURN_PASSWORD" \
        --cert-file "$WORK/turn.pem" --key-file "$WORK/turn.key"
    await api "Started discovery API on https://$API:1443"
    await api2 "Started discovery API on https://$API2:1443"
    await signal "Started signaling router on wss://$SIGNAL:2443/"
    await turn "Started TURN server on udp/3478, tcp/3478, tls/5349"
    SERVICES=(redis api api2 signal turn)
fi

status=0
# check CLASS ARGS...: runs the checking client CLASS on the client host; its exit status in status.
check() {
    # In the background, so that a signal to the script is handled at once, not after the client.
    ip netns exec "$PREFIX-client" "$JAVA" "${JAVA_OPTS[@]}" -cp "$CLIENT_CLASSPATH" "$@" &
    PID_OF[client]=$!
    wait "${PID_OF[client]}" || status=$?
    unset "PID_OF[client]"
    ((status == 0)) || say "the client failed (exit $status)"
}

# ready_for ACTION: waits until the client host's FleetFailures asks for ACTION (it prints
# "Ready for: ACTION" and waits); dies when it ends first or does not ask within START_TIMEOUT.
ready_for() {
    local action=$1 deadline=$((SECONDS + START_TIMEOUT))
    until grep -qsx -- "Ready for: $action" "$WORK/client.log"; do
        running client || die "the client ended before it asked to $action"
        ((SECONDS < deadline)) || die "the client did not ask to $action within $START_TIMEOUT s"
        sleep 0.05
    done
}

# done_now ACTION: tells FleetFailures that ACTION is done, and when: milliseconds since the epoch,
# in a file named ACTION, written whole before it appears.
done_now() {
    date +%s%3N >"$WORK/actions/$1.part"
    mv "$WORK/actions/$1.part" "$WORK/actions/$1"
    say "$1: done"
}

# stop_host NAME SIGNAL: sends SIGNAL to host NAME's process and waits until it has ended.
stop_host() {
    running "$1" || die "$1 is not running"
    kill "-$2" "${PID_OF[$1]}"
    wait "${PID_OF[$1]}" || true
    unset "PID_OF[$1]"
}

# fail_the_fleet: FleetFailures on the client host, joined to signal and signal2; as it asks, Redis
# stopped as an operator stops it (SIGTERM), started again with its files, and signal2 killed.
fail_the_fleet() {
    mkdir "$WORK/actions"
    start client "$JAVA" "${JAVA_OPTS[@]}" -cp "$CLIENT_CLASSPATH" io.disco.all.multihost.FleetFailures \
        --ca "$WORK/ca.pem" --realm "$REALM" --signal "wss://$SIGNAL:2443/" --other-signal "wss://$SIGNAL2:2443/" \
        --heartbeat "$HEARTBEAT_MS" --actions "$WORK/actions"
    ready_for stop-redis
    stop_host redis TERM
    done_now stop-redis
    ready_for start-redis
    mv "$WORK/redis.log" "$WORK/redis-until-stopped.log"
    start redis redis-server "$WORK/redis/redis.conf"
    await redis "Ready to accept connections"
    done_now start-redis
    ready_for kill-callee-router
    stop_host signal2 KILL
    done_now kill-callee-router
    wait "${PID_OF[client]}" || status=$?
    unset "PID_OF[client]"
    cat "$WORK/client.log"
    ((status == 0)) || say "the client failed (exit $status)"
}

if [[ -n $CLIENT_CLASSPATH ]] && $FLEET; then
    start client2 "$JAVA" "${JAVA_OPTS[@]}" -cp "$CLIENT_CLASSPATH" io.disco.all.multihost.FleetCallee \
        --ca "$WORK/ca.pem" --self "$CLIENT2" --api "https://$API2:1443" --signal "wss://$SIGNAL2:2443/" --realm "$REALM"
    await client2 "Callee registered"
    # Where the callee holds its relay: the TURN host with one allocation, which the caller's
    # GET /ice-servers names last once the fleet has heard of it.
    CALLEE_TURN=$(grep -m1 -o ' at turn:[0-9.]*' "$WORK/client2.log" | cut -d: -f2) ||
        die "the callee did not say which TURN host holds its relay"
    check io.disco.all.multihost.FleetClient --ca "$WORK/ca.pem" --self "$CLIENT" \
        --api "https://$API:1443" --second-api "https://$API2:1443" --signal "wss://$SIGNAL:2443/" \
        --callee-signal "wss://$SIGNAL2:2443/" --realm "$REALM" --relays "$TURN=$RELAY,$TURN2=$RELAY2" \
        --callee-turn "$CALLEE_TURN" --metrics-port "$METRICS_PORT" --admin-token-file "$WORK/admin.token"
    # The failures take the fleet apart: not when it is to be held for trying by hand.
    ((status != 0)) || $HOLD || fail_the_fleet
elif [[ -n $CLIENT_CLASSPATH ]]; then
    start peer "$JAVA" "${JAVA_OPTS[@]}" -cp "$CLIENT_CLASSPATH" io.disco.all.multihost.UdpReflector \
        "$PEER" "$PEER_PORT"
    await peer "Reflecting on $PEER:$PEER_PORT"
    check io.disco.all.multihost.MultiHostClient --ca "$WORK/ca.pem" --self "$CLIENT" \
        --api "https://$API:1443" --second-api "https://$API2:1443" --signal "wss://$SIGNAL:2443/" --realm "$REALM" \
        --turn "$TURN:3478" --turns "$TURN:5349" --relay-address "$RELAY" \
        --user "$TURN_USER" --password "$TURN_PASSWORD" --peer "$PEER:$PEER_PORT"
fi

if $HOLD && ((status == 0)); then
    say "the hosts are up; from the client host, for example:"
    echo "  ip netns exec $PREFIX-client curl --cacert $WORK/ca.pem https://$API:1443/groups"
    echo "  ip netns exec $PREFIX-client curl --cacert $WORK/ca.pem https://$API2:1443/groups"
    echo "  ip netns exec $PREFIX-client openssl s_client -CAfile $WORK/ca.pem -verify_ip $SIGNAL \\"
    echo "      -connect $SIGNAL:2443 </dev/null"
    echo "  ip netns exec $PREFIX-turn ss -lunt"
    if $FLEET; then
        echo "  ip netns exec $PREFIX-client curl --cacert $WORK/ca.pem https://$API:1443/ice-servers"
        echo "  ip netns exec $PREFIX-client curl -X POST -H \"Authorization: Bearer \$(cat $WORK/admin.token)\" \\"
        echo "      http://$TURN:$METRICS_PORT/drain"
    fi
    say "Ctrl-C stops them and deletes the namespaces"
    trap 'exit 0' INT
    while true; do
        for service in "${SERVICES[@]}"; do
            running "$service" || die "$service stopped"
        done
        sleep 1
    done
fi
exit "$status"
