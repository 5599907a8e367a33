# disco: discovery, signaling and relay for peer-to-peer applications.
# `make run` and `make test` are all a newcomer needs; see README.md.

MVN ?= mvn -B -ntp
JARS := disco-api/target/disco-api.jar disco-signal/target/disco-signal.jar \
        disco-turn/target/disco-turn.jar disco-all/target/disco.jar
SOURCES := $(shell find pom.xml */pom.xml */src/main -type f 2>/dev/null)

RUN_FLAGS ?= --cert-file test_data/cert.pem --key-file test_data/key.pem

.PHONY: build run test bench-api clean

build: $(JARS)

$(JARS) &: $(SOURCES)
	$(MVN) -q install -DskipTests
	@touch $(JARS)

run: build
	@echo "Discovery API: https://localhost:1443  (export CURL_CA_BUNDLE=test_data/cert.pem)"
	java -jar disco-all/target/disco.jar $(RUN_FLAGS) $(ARGS)

test:
	$(MVN) install

bench-api: build
	disco-api/bench/api-bench.sh

clean:
	$(MVN) -q clean
