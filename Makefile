# disco: discovery, signaling and relay for peer-to-peer applications.
# `make run` and `make test` are all a newcomer needs; see README.md.

MVN ?= mvn -B -ntp
JARS := disco-api/target/disco-api.jar disco-signal/target/disco-signal.jar \
        disco-turn/target/disco-turn.jar disco-all/target/disco.jar
SOURCES := $(shell find pom.xml */pom.xml */src/main -type f 2>/dev/null)

RUN_FLAGS ?= --cert-file test_data/cert.pem --key-file test_data/key.pem

.PHONY: build run test node bench-api bench-signal clean

build: $(JARS)

$(JARS) &: $(SOURCES)
	$(MVN) -q install -DskipTests
	@touch $(JARS)

run: build
	@echo "Discovery API:    https://localhost:1443  (export CURL_CA_BUNDLE=test_data/cert.pem)"
	@echo "Signaling router: wss://localhost:2443/   (realm main)"
	java -jar disco-all/target/disco.jar $(RUN_FLAGS) $(ARGS)

test: node
	$(MVN) install

# The router's tests run Autobahn|JS under node; install node where the machine lacks it.
node:
	@command -v node >/dev/null && command -v npm >/dev/null || \
		{ apt-get update && apt-get install -y nodejs npm; }

bench-api: build
	disco-api/bench/api-bench.sh

bench-signal: build
	disco-signal/bench/signal-bench.sh

clean:
	$(MVN) -q clean
