# Sourced by the benchmark scripts (disco-*/bench/*-bench.sh) after they cd to the repository's
# top: the processes a script starts, stopped however it ends, and nothing else; and whether a
# port on $HOST already answers. The script sets HOST.

BENCH_PIDS=()

# bench_started PID: remembers a process this script started, so bench_stop_all stops it.
bench_started() {
    BENCH_PIDS+=("$1")
}

# bench_stop PID: SIGTERM, up to 15 s to exit (the servers drain or say goodbye first; past that
# one is stuck), then SIGKILL; reaped and forgotten, so no later signal can reach a process that
# reuses the PID.
bench_stop() {
    local pid=$1 i
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 150; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    bench_forget "$pid"
}

# bench_forget PID: a process this script has reaped itself is no longer stopped at exit.
bench_forget() {
    local kept=() p
    for p in "${BENCH_PIDS[@]}"; do
        [[ $p == "$1" ]] || kept+=("$p")
    done
    BENCH_PIDS=("${kept[@]}")
}

bench_stop_all() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        bench_stop "$pid"
    done
}
trap bench_stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# port_in_use PORT: whether something answers on TCP $HOST:PORT (loading someone else's server
# would measure the wrong thing).
port_in_use() {
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}
