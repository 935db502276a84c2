#!/usr/bin/env bash
# Summarises a Java Flight Recording of a benchmark run (BENCH_JFR=1 bench/run.sh ...):
# where the sampled CPU time went, by top frame's package (first 3 name parts) and by top method.
# Usage: bench/jfr-top.sh [bench/results/bench.jfr] [lines]
set -euo pipefail
file="${1:-bench/results/bench.jfr}"
n="${2:-15}"
jfr print --events jdk.ExecutionSample "$file" > /tmp/bench-jfr-samples.txt
top_frames() {
  awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' /tmp/bench-jfr-samples.txt
}
total=$(top_frames | wc -l)
echo "execution samples: $total"
echo "--- by package of the top frame"
top_frames | sed -E 's/\(.*//; s/^(([^.]+\.){2}[^.]+)\..*/\1/' | sort | uniq -c | sort -rn | head -"$n" \
  | awk -v t="$total" '{printf "%6.1f%%  %s\n", 100*$1/t, $2}'
echo "--- by top method"
top_frames | sed -E 's/\(.*//' | sort | uniq -c | sort -rn | head -"$n" \
  | awk -v t="$total" '{printf "%6.1f%%  %s\n", 100*$1/t, $2}'
