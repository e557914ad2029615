#!/usr/bin/env bash
# The short fuzz run of the test command: installs cargo-fuzz when it is missing, builds
# every target once, then runs each on its seeds for a bounded time, one process each.
# Any crash, timeout or failed invariant fails the script, which prints the input that
# caused it (replay it with `cargo fuzz run <target> <input>`; keep it, minimised, under
# fuzz/regressions/<target>/, see docs/fuzzing.md).
#
# Usage: fuzz/run-short.sh [SECONDS]   (each target's time; RUNG_FUZZ_SECONDS, else 15)
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$(dirname "$fuzz_dir")"
export PATH="$HOME/.cargo/bin:$PATH"
# cargo-fuzz passes nightly flags (the sanitizer); this lets a stable toolchain take them.
export RUSTC_BOOTSTRAP=1
# Where cargo fuzz build puts the targets: they are run from there, so that a change to
# the tree while they run does not rebuild them between targets.
bin="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"

seconds="${1:-${RUNG_FUZZ_SECONDS:-15}}"
if [ "$seconds" -gt 60 ]; then
    echo "the short run takes at most 60 seconds a target" >&2
    exit 2
fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

fuzz/seed.sh >/dev/null
cargo fuzz build

# The flags of one target: its longest input and its dictionary.
flags() {
    case "$1" in
        markdown) echo "-max_len=512" ;;
        search_query) echo "-max_len=256" ;;
        front_matter) echo "-max_len=4096" ;;
        load) echo "-max_len=16384" ;;
        *) echo "-max_len=65536" ;;
    esac
    [ -f "fuzz/$1.dict" ] && echo "-dict=fuzz/$1.dict"
    return 0
}

logs="fuzz/artifacts/logs"
mkdir -p "$logs"
failed=()
for target in $(cargo fuzz list); do
    log="$logs/$target.log"
    mkdir -p "fuzz/artifacts/$target"
    # shellcheck disable=SC2046
    if "$bin/$target" -artifact_prefix="fuzz/artifacts/$target/" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 $(flags "$target") "fuzz/corpus/$target" >"$log" 2>&1; then
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
