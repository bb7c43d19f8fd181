#!/usr/bin/env bash
# Benchmarks of the platform on this machine, written as Markdown to bench/target/results.md:
#   1. cold start of the whole platform with ./opsplane up (Kafka included),
#   2. each service's start-up time (process start → /q/health/ready 200, alone) and resident memory,
#   3. the event path (bench/src/main/java/io/opsplane/bench/EventPathBench.java),
#   4. access control (AccessPlatformBench, AccessBench),
#   5. pipelines: a 200-job DAG, trigger → first process, a 100 MB log (PipelineBench), sandbox and shell,
#   6. observability: OTLP ingest and trace look-ups, PromQL through the gateway against the store directly, rule
#      evaluation capacity at a 1 s interval, alerts and webhook notifications per second (ObservabilityBench).
# It runs its own platform (ports +22000, below the kernel's ephemeral ports, databases opsplane_bench_*, state in bench/target/home)
# and stops it at the end. Usage: bench/run.sh [--rate 1000] [--seconds 30] [--burst 50000]
#   7. alert-latency: a threshold crossed → the webhook notification (and back → resolved), the platform side by side
#      with a Prometheus 2.42 + Alertmanager 0.25 of its own scraping the same gauge (AlertLatencyBench).
# OPSPLANE_BENCH_PARTS (default "startup events access pipelines observability alert-latency") picks the parts after
# the cold start.
# The observability part takes its own sizes as options too (see ObservabilityBench), e.g. for a quick check:
#   OPSPLANE_BENCH_PARTS=observability bench/run.sh --seconds 5 --rule-sizes 50,100 --alerts 500 --promql-pairs 50
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export OPSPLANE_HOME=$ROOT/bench/target/home OPSPLANE_PORT_OFFSET=22000 OPSPLANE_DB_PREFIX=opsplane_bench
# Four runners taking one job each, and room for the 100 MB log of the streaming benchmark.
export OPSPLANE_RUNNERS=4 OPSPLANE_RUNNER_CONCURRENCY=1 OPSPLANE_PIPELINE_RUNNERS_MAX_LOG_BYTES=134217728
# The observability part: its webhook receiver listens on the loopback address, which the alert manager refuses
# unless allowed; and its calls through the gateway all carry the one admin token, whose rate limit (50/s) would
# otherwise be what is measured. Both apply to this benchmark platform only.
export OPSPLANE_ALERTMANAGER_ALLOWED_NETWORKS=127.0.0.1/32
export OPSPLANE_GATEWAY_RATE_LIMIT_PER_TOKEN_RATE=100000 OPSPLANE_GATEWAY_RATE_LIMIT_PER_TOKEN_BURST=100000
OUT=$ROOT/bench/target/results.md
PARTS=" ${OPSPLANE_BENCH_PARTS:-startup events access pipelines observability alert-latency} "
part() { [[ $PARTS == *" $1 "* ]]; }
DB_URL="jdbc:postgresql://${OPSPLANE_DB_HOST:-127.0.0.1}:${OPSPLANE_DB_PORT:-5432}"
# The services and their HTTP ports, from the platform manifest (name and http are its first two columns).
SERVICES=()
declare -A HTTP=()
while read -r name http _; do
  SERVICES+=("$name")
  HTTP[$name]=$http
done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' platform.manifest)

./mvnw -q -DskipTests -DskipE2E=true install
./mvnw -q -pl bench dependency:build-classpath -Dmdep.outputFile="$ROOT/bench/target/classpath.txt"

./opsplane down >/dev/null 2>&1 || true
rm -rf "$OPSPLANE_HOME"
# Fresh databases, dropped with the launcher's own credentials (role opsplane).
./opsplane db drop
trap './opsplane down >/dev/null 2>&1 || true' EXIT

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
pid_of() { cat "$OPSPLANE_HOME/pids/$1.pid"; }
now_ms() { date +%s%3N; }

{
  echo "# Opsplane benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
  echo "Date: $(date -u +%Y-%m-%dT%H:%MZ). Command: OPSPLANE_BENCH_PARTS=\"$(echo $PARTS)\" bench/run.sh $*"
  echo
} >"$OUT"

start=$(now_ms)
./opsplane up
echo "Whole platform, cold (Kafka formatted and started, fresh databases migrated, ${#SERVICES[@]} services ready): $(( ($(now_ms) - start) / 100 ))e-1 s" \
  | sed 's/\([0-9]\)e-1/.\1/' >>"$OUT"
declare -A READY STARTED RSS_READY
if part startup; then
  for svc in "${SERVICES[@]}"; do
    kill "$(pid_of "$svc")"
    while kill -0 "$(pid_of "$svc")" 2>/dev/null; do sleep 0.1; done
    : >"$OPSPLANE_HOME/logs/$svc.log"
    port=$(( ${HTTP[$svc]} + OPSPLANE_PORT_OFFSET ))
    t0=$(now_ms)
    OPSPLANE_SKIP_BUILD=1 ./opsplane up >/dev/null &
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" || true)" == 200 ]]; do sleep 0.05; done
    READY[$svc]=$(( $(now_ms) - t0 ))
    wait
    STARTED[$svc]=$(grep -ao 'started in [0-9.]*s' "$OPSPLANE_HOME/logs/$svc.log" | tail -1 | awk '{print $3}')
    sleep 2
    RSS_READY[$svc]=$(rss_mb "$(pid_of "$svc")")
  done
fi

if part events; then
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.EventPathBench \
    --pipeline-grpc "127.0.0.1:$((9081 + OPSPLANE_PORT_OFFSET))" \
    --pipeline-db "$DB_URL/${OPSPLANE_DB_PREFIX}_pipeline" \
    --observability-db "$DB_URL/${OPSPLANE_DB_PREFIX}_observability" "$@" >"$ROOT/bench/target/event-path.md"
fi

# Access control on the same platform: CheckAccess (single and batched) with 10,000 bindings, the audit
# ledger's append rate, VerifyAudit on what was appended and on a ledger of 1,000,000; the engine in process.
if part access; then
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.AccessPlatformBench \
    --security-grpc "127.0.0.1:$((9086 + OPSPLANE_PORT_OFFSET))" \
    --security-db "$DB_URL/${OPSPLANE_DB_PREFIX}_security" \
    --pipeline-db "$DB_URL/${OPSPLANE_DB_PREFIX}_pipeline" "$@" >"$ROOT/bench/target/access.md"
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.AccessBench 10 \
    >>"$ROOT/bench/target/access.md"
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.GatewayAuthorisationBench \
    --gateway "http://127.0.0.1:$((8080 + OPSPLANE_PORT_OFFSET))" \
    --service-http "http://127.0.0.1:$((8081 + OPSPLANE_PORT_OFFSET))" "$@" >>"$ROOT/bench/target/access.md"
fi

# Pipelines: the runners with the sandbox executor, then again with the shell executor.
if part pipelines; then
  echo "| measure | value |" >"$ROOT/bench/target/pipelines.md"
  echo "|---|---|" >>"$ROOT/bench/target/pipelines.md"
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.PipelineBench \
    --pipeline-grpc "127.0.0.1:$((9081 + OPSPLANE_PORT_OFFSET))" --label sandbox >>"$ROOT/bench/target/pipelines.md"
  for pid_file in "$OPSPLANE_HOME"/pids/runner-*.pid; do
    pid=$(cat "$pid_file")
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  done
  OPSPLANE_RUNNER_EXECUTOR=shell OPSPLANE_SKIP_BUILD=1 ./opsplane up >/dev/null
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.PipelineBench \
    --pipeline-grpc "127.0.0.1:$((9081 + OPSPLANE_PORT_OFFSET))" --label shell --logs false \
    >>"$ROOT/bench/target/pipelines.md"
fi

# observability-service: OTLP ingest, PromQL through the gateway, rule evaluation capacity, notifications.
# A measure that fails is a row saying why; the others still run.
if part observability; then
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.ObservabilityBench \
    --gateway "http://127.0.0.1:$((8080 + OPSPLANE_PORT_OFFSET))" \
    --observability "http://127.0.0.1:$((8084 + OPSPLANE_PORT_OFFSET))" \
    --observability-grpc "127.0.0.1:$((9084 + OPSPLANE_PORT_OFFSET))" \
    --prometheus "http://127.0.0.1:$((9490 + OPSPLANE_PORT_OFFSET))" \
    --observability-db "$DB_URL/${OPSPLANE_DB_PREFIX}_observability" "$@" >"$ROOT/bench/target/observability.md" ||
    echo "| the observability benchmark | ended with status $? (errors on the console) |" >>"$ROOT/bench/target/observability.md"
fi

# Alert latency, side by side with Prometheus + Alertmanager (started by the benchmark on ports of their own).
if part alert-latency; then
  java -cp "$(cat bench/target/classpath.txt):bench/target/classes" io.opsplane.bench.AlertLatencyBench \
    --gateway "http://127.0.0.1:$((8080 + OPSPLANE_PORT_OFFSET))" --trials "${OPSPLANE_BENCH_ALERT_TRIALS:-20}" \
    >"$ROOT/bench/target/alert-latency.md" ||
    echo "| the alert latency benchmark | ended with status $? (errors on the console) |" >>"$ROOT/bench/target/alert-latency.md"
fi

if part startup; then
  {
    echo
    echo "| service | start-up alone: process start → ready | Quarkus 'started in' | RSS when ready | RSS at the end |"
    echo "|---|---|---|---|---|"
    for svc in "${SERVICES[@]}"; do
      echo "| $svc | ${READY[$svc]} ms | ${STARTED[$svc]} | ${RSS_READY[$svc]} MB | $(rss_mb "$(pid_of "$svc")") MB |"
    done
  } >>"$OUT"
fi
section() {
  part "$1" || return 0
  printf '\n%s\n\n' "$2" >>"$OUT"
  cat "$ROOT/bench/target/$3" >>"$OUT"
}
section events "Event path (pipeline-service outbox → relay → Kafka → observability-service timeline):" event-path.md
section access "Access control (security-service over gRPC and PostgreSQL; the engine in process):" access.md
section pipelines "Pipelines ($OPSPLANE_RUNNERS runners, one job at a time each; the plain script with the same parallelism):" pipelines.md
section observability "Observability (observability-service: OTLP ingest, PromQL through the gateway, rule evaluation, notifications):" observability.md
section alert-latency "Alert latency (a gauge over its threshold and back → the webhook notification; Prometheus 2.42 + Alertmanager 0.25 of its own, same gauge, same scrape interval):" alert-latency.md
cat "$OUT"
