# disco: discovery, signaling and relay for peer-to-peer applications.
# `make run` and `make test` are all a newcomer needs; see README.md.

MVN ?= mvn -B -ntp
JARS := disco-api/target/disco-api.jar disco-signal/target/disco-signal.jar \
        disco-turn/target/disco-turn.jar disco-all/target/disco.jar
# The benchmarks' programs, modules of the same build (each jar names its classpath in target/lib).
BENCH_JARS := disco-api/bench/target/disco-api-bench.jar disco-signal/bench/target/disco-signal-bench.jar \
        disco-signal/bench/jawampa/target/disco-signal-bench-jawampa.jar
# Every module's pom and main sources, the benchmark modules' (disco-*/bench/) included.
SOURCES := $(shell find . \( -name target -o -name node_modules -o -name .git \) -prune -o \
        -type f \( -name pom.xml -o -path '*/src/main/*' \) -print)

RUN_FLAGS ?= --cert-file test_data/cert.pem --key-file test_data/key.pem

.PHONY: build run test test-tools bench-api bench-signal bench-turn clean

build: $(JARS) $(BENCH_JARS)

$(JARS) $(BENCH_JARS) &: $(SOURCES)
	$(MVN) -q install -DskipTests
	@touch $(JARS) $(BENCH_JARS)

run: build
	@echo "Discovery API:    https://localhost:1443  (export CURL_CA_BUNDLE=test_data/cert.pem)"
	@echo "Groups kept in:   disco-data/groups.db (SQLite; kept across runs, ARGS=\"--store memory\" for none)"
	@echo "Signaling router: wss://localhost:2443/   (realm main)"
	@echo "TURN relay:       turn:localhost:3478 (udp, tcp), turns:localhost:5349 (user test, password test)"
	java -jar disco-all/target/disco.jar $(RUN_FLAGS) $(ARGS)

test: test-tools
	$(MVN) install

# The tests run real peers: Autobahn|JS under node against the router, coturn's test clients
# against the relay, two WebRTC peers in headless Chromium against all three; systemd-analyze
# checks deploy/'s units; the Redis store's tests run redis-server on ports of their own, never a
# system service the package may start, and the metrics' tests a Prometheus of their own likewise
# (without the node exporter it recommends). Install what the machine lacks (installing coturn
# starts no server).
test-tools:
	@missing=""; \
	command -v node >/dev/null && command -v npm >/dev/null || missing=" nodejs npm"; \
	command -v turnutils_uclient >/dev/null || missing="$$missing coturn"; \
	command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing for the tests"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi; \
	if ! command -v prometheus >/dev/null; then \
		echo "Installing prometheus for the tests"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus; \
	fi

bench-api: build
	disco-api/bench/api-bench.sh

bench-signal: build
	disco-signal/bench/signal-bench.sh

bench-turn: build test-tools
	disco-turn/bench/turn-bench.sh

clean:
	$(MVN) -q clean
