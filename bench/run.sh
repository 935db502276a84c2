#!/usr/bin/env bash
# Runs the benchmark in one JVM: bench/run.sh [--scale 0.1] [--out bench/results] [--partitions 1,2,4]
# Set BENCH_JFR=1 to also record a Java Flight Recording (bench/results/bench.jfr) of the whole run.
# (mvn exec:java cannot be used: the pom pins exec's mainClass and classpathScope for the product CLI.)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
jfr=()
if [[ "${BENCH_JFR:-0}" == 1 ]]; then
  mkdir -p bench/results
  jfr=(-XX:StartFlightRecording=filename=bench/results/bench.jfr,settings=profile)
fi
# Spark's default JDBC source (the extract baseline) buffers the whole result set in the executor:
# about 1 GiB per 0.2 of scale factor, so SF 1 needs more than .mvn/jvm.config's 6g. The last -Xmx wins.
xmx="${BENCH_XMX:-12g}"
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2046  # the jvm.config flags are meant to split
exec java $(cat .mvn/jvm.config) -Xmx"$xmx" -XX:+UseG1GC "${jfr[@]}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.kwp.bridge.bench.BenchMain "$@"
