#!/usr/bin/env bash
# The short fuzz run of the test command: installs cargo-fuzz when it is missing, builds
# every target once, then runs each on the committed seeds, one process each, for a fixed
# number of inputs from a fixed random seed (about 15 seconds a target here), so neither
# the machine's speed nor a corpus grown by long runs changes what it tries, and it passes
# or fails in CI much as it does here (not bit for bit: Rust's hash maps are seeded afresh
# in each process); finding new crashes is the long run's job (fuzz/run-long.sh). Any crash,
# timeout or failed invariant fails the script, which prints the input that caused it
# (replay it with `cargo fuzz run <target> <input>`; keep it, minimised, under
# fuzz/regressions/<target>/, see docs/fuzzing.md).
#
# Usage: fuzz/run-short.sh [FACTOR]   (multiplies each target's inputs; RUNG_FUZZ_FACTOR, else 1)
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$(dirname "$fuzz_dir")"
# shellcheck source=fuzz/common.sh
. fuzz/common.sh

factor="${1:-${RUNG_FUZZ_FACTOR:-1}}"
if ! [ "$factor" -ge 1 ] 2>/dev/null || [ "$factor" -gt 4 ]; then
    echo "the factor is a whole number from 1 to 4" >&2
    exit 2
fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

# The seeds in a folder of their own, and what the run adds in another, so that a
# corpus grown by long runs in fuzz/corpus does not change what this run tries.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
RUNG_FUZZ_CORPUS="$work/seeds" fuzz/seed.sh >/dev/null
cargo fuzz build

# How many inputs each target runs: about 15 seconds of each on this project's machines.
runs() {
    local n
    case "$1" in
        case_file) n=50000 ;;
        markdown) n=9000 ;;
        front_matter | load) n=3000 ;;
        import_rung_html | import_structured) n=1500 ;;
        *) n=1000 ;;
    esac
    echo $((n * factor))
}


logs="fuzz/artifacts/logs"
mkdir -p "$logs"
failed=()
for target in $(cargo fuzz list); do
    log="$logs/$target.log"
    mkdir -p "fuzz/artifacts/$target" "$work/new/$target"
    # -seed and -runs fix what is tried; -max_total_time only bounds a very slow machine.
    # shellcheck disable=SC2046
    if "$bin/$target" -artifact_prefix="fuzz/artifacts/$target/" \
        -seed=1 -runs="$(runs "$target")" -max_total_time=300 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 $(flags "$target") "$work/new/$target" "$work/seeds/$target" \
        >"$log" 2>&1; then
        stats="$(grep -E '^#[0-9]+.*DONE' "$log" | tail -1)"
        printf 'fuzz %-20s ok   %s\n' "$target" "${stats:-}"
    else
        failed+=("$target")
        printf 'fuzz %-20s FAILED (log: %s)\n' "$target" "$log"
        # The panic and the failed invariant under it, the sanitizer's finding, the input.
        grep -E -A2 'panicked at|==[0-9]+==ERROR' "$log" | head -12 || true
        grep -E 'SUMMARY|Test unit written to' "$log" || true
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found a crash in: ${failed[*]}" >&2
    exit 1
fi
