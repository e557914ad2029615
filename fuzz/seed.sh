#!/usr/bin/env bash
# Builds the seed corpus for the `load` fuzz target in fuzz/corpus/load/.
#
# Each seed is a set of files joined into one input: a line `@@@ <path>` starts each
# file (see fuzz_targets/load.rs). The seeds are:
#   - the worked example of docs/format.md;
#   - the whole bundled framework in ladders/;
#   - for each track in ladders/, that track with framework.md, competencies and glossary;
#   - each file of ladders/ on its own.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz_dir")"
ladders="$root/ladders"
out="$fuzz_dir/corpus/load"
mkdir -p "$out"

# Prints each named file of ladders/ with its header line.
join_files() {
    local rel
    for rel in "$@"; do
        printf '@@@ %s\n' "$rel"
        cat "$ladders/$rel"
    done
}

# The worked example: the ```markdown file=PATH blocks of docs/format.md.
awk '
    /^```markdown file=/ { sub(/^```markdown file=/, ""); print "@@@ " $0; inside = 1; next }
    inside && /^```$/ { inside = 0; next }
    inside { print }
' "$root/docs/format.md" > "$out/worked-example"

cd "$ladders"
mapfile -t all < <(find . -name '*.md' -type f | sed 's|^\./||' | LC_ALL=C sort)
mapfile -t shared < <(printf '%s\n' "${all[@]}" | grep -v '^tracks/')

join_files "${all[@]}" > "$out/ladders-all"

for track in tracks/*/; do
    name="$(basename "$track")"
    mapfile -t own < <(printf '%s\n' "${all[@]}" | grep "^tracks/$name/")
    join_files "${shared[@]}" "${own[@]}" > "$out/ladders-track-$name"
done

for rel in "${all[@]}"; do
    join_files "$rel" > "$out/file-$(printf '%s' "$rel" | tr '/' '-')"
done

echo "wrote $(find "$out" -type f | wc -l) seeds to $out"
