#!/usr/bin/env bash
# The long fuzz run (see docs/fuzzing.md): every target for SECONDS on its seeds, one
# process each, LANES targets at a time under `nice` so that other work on the machine
# comes first, then a table of what each run did: seconds, CPU seconds, executions,
# executions per second, cov and ft at the end, corpus size, crashes. Logs go to
# fuzz/artifacts/long/<target>.log. Build the targets first (`cargo fuzz build`).
#
# Usage: fuzz/run-long.sh [SECONDS] [LANES] [TARGET...]
#   (default 360 seconds, 2 lanes, every target; RUNG_FUZZ_NICE is the niceness, 10)
set -uo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$(dirname "$fuzz_dir")"
# shellcheck source=fuzz/common.sh
. fuzz/common.sh
seconds="${1:-360}"
lanes="${2:-2}"
logs="fuzz/artifacts/long"
mkdir -p "$logs"


# Runs one target and writes its CPU seconds (user + system) beside its log.
one() {
    local target="$1" log="$logs/$1.log"
    local start end
    mkdir -p "fuzz/artifacts/$target"
    start=$(date +%s)
    TIMEFORMAT='%U %S'
    # shellcheck disable=SC2046
    { time nice -n "${RUNG_FUZZ_NICE:-10}" "$bin/$target" -artifact_prefix="fuzz/artifacts/$target/" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 $(flags "$target") "fuzz/corpus/$target" >"$log" 2>&1; } 2>"$logs/$target.cpu"
    echo $? >"$logs/$target.rc"
    end=$(date +%s)
    echo $((end - start)) >"$logs/$target.wall"
}

shift 2 2>/dev/null || shift $#
targets="${*:-$(cargo fuzz list)}"
running=0
for target in $targets; do
    one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$lanes" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

stat() { grep -E "^stat::$2:" "$logs/$1.log" | awk '{print $2}' | tail -1; }
printf '| target | seconds | CPU seconds | executions | exec/s | cov | ft | corpus | crashes |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
total_cpu=0
for target in $targets; do
    log="$logs/$target.log"
    cpu=$(awk '{printf "%d", $1 + $2}' "$logs/$target.cpu" 2>/dev/null || echo 0)
    total_cpu=$((total_cpu + cpu))
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
    corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
    crashes=$(grep -c 'Test unit written to' "$log")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$target" \
        "$(cat "$logs/$target.wall")" "$cpu" "$(stat "$target" number_of_executed_units)" \
        "$(stat "$target" average_exec_per_sec)" "$cov" "$ft" "$corpus" "$crashes"
done
echo "CPU seconds in all: $total_cpu"
