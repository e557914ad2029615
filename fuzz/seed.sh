#!/usr/bin/env bash
# Builds the seed corpus of every fuzz target in fuzz/corpus/<target>/ (not committed;
# run again at any time). A seed of several files joins them, each after a line
# `@@@ <path>` (see `split` in src/fuzzing/mod.rs). The seeds are:
#   load                 the worked example of docs/format.md; the whole of ladders/;
#                        each track of ladders/ with the shared files; each file alone
#   case_file            tests/case-files/ and fuzz/seeds/case_file/ (cases exported by
#                        `rung case export` and `rung case review-export`)
#   markdown             fuzz/seeds/markdown/ and each paragraph of ladders/ up to 512 bytes
#   front_matter         each markdown file of ladders/ and tests/fixtures/, cut at 4 KB
#   search_query         fuzz/seeds/search_query/
#   import_csv, import_markdown, import_progression, import_structured
#                        each folder of tests/import-sources/ of that family, joined, and
#                        each of its files alone
#   import_rung_html     fuzz/seeds/import_rung_html/ (pages of `rung export-html`)
# Every input kept in fuzz/regressions/<target>/ is a seed of its target too.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz_dir")"
ladders="$root/ladders"
corpus="${RUNG_FUZZ_CORPUS:-$fuzz_dir/corpus}"
seeds="$fuzz_dir/seeds"
sources="$root/tests/import-sources"

# Prints each named file under folder $1 with its header line.
join_under() {
    local base="$1" rel
    shift
    for rel in "$@"; do
        printf '@@@ %s\n' "$rel"
        cat "$base/$rel"
    done
}

# --- load
out="$corpus/load"
mkdir -p "$out"
awk '
    /^```markdown file=/ { sub(/^```markdown file=/, ""); print "@@@ " $0; inside = 1; next }
    inside && /^```$/ { inside = 0; next }
    inside { print }
' "$root/docs/format.md" > "$out/worked-example"
cd "$ladders"
mapfile -t all < <(find . -name '*.md' -type f | sed 's|^\./||' | LC_ALL=C sort)
mapfile -t shared < <(printf '%s\n' "${all[@]}" | grep -v '^tracks/')
join_under "$ladders" "${all[@]}" > "$out/ladders-all"
for track in tracks/*/; do
    name="$(basename "$track")"
    mapfile -t own < <(printf '%s\n' "${all[@]}" | grep "^tracks/$name/")
    join_under "$ladders" "${shared[@]}" "${own[@]}" > "$out/ladders-track-$name"
done
for rel in "${all[@]}"; do
    join_under "$ladders" "$rel" > "$out/file-$(printf '%s' "$rel" | tr '/' '-')"
done

# --- case_file, search_query, import_rung_html: seeds kept in fuzz/seeds/
mkdir -p "$corpus/case_file" "$corpus/search_query" "$corpus/import_rung_html" "$corpus/markdown"
cp "$root"/tests/case-files/* "$seeds"/case_file/* "$corpus/case_file/"
cp "$seeds"/search_query/* "$corpus/search_query/"
cp "$seeds"/import_rung_html/* "$corpus/import_rung_html/"

# --- markdown: the handwritten seeds, and every paragraph of ladders/ up to 512 bytes
cp "$seeds"/markdown/* "$corpus/markdown/"
find "$ladders" -name '*.md' -type f | LC_ALL=C sort | xargs cat |
    awk -v out="$corpus/markdown" 'BEGIN { RS = "" }
        length($0) <= 512 && !seen[$0]++ { n++; f = sprintf("%s/paragraph-%04d", out, n); printf "%s\n", $0 > f; close(f) }'

# --- front_matter: every markdown file of ladders/ and of the test fixtures, cut at 4 KB
out="$corpus/front_matter"
mkdir -p "$out"
for dir in "$ladders" "$root/tests/fixtures"; do
    (cd "$dir" && find . -name '*.md' -type f | sed 's|^\./||' | LC_ALL=C sort) |
        while read -r rel; do
            head -c 4096 "$dir/$rel" > "$out/$(basename "$dir")-$(printf '%s' "$rel" | tr '/' '-')"
        done
done

# --- import_*: each folder of tests/import-sources/ of a family, joined, and each file
# alone (under the folder's name, as `rung import FOLDER` names them)
seed_family() {
    local target="$1" folder rel
    shift
    local out="$corpus/$target"
    mkdir -p "$out"
    for folder in "$@"; do
        mapfile -t files < <(cd "$sources" && find "$folder" -type f | LC_ALL=C sort)
        join_under "$sources" "${files[@]}" > "$out/$folder"
        for rel in "${files[@]}"; do
            join_under "$sources" "$rel" > "$out/$(printf '%s' "$rel" | tr '/' '-')"
        done
    done
}
seed_family import_csv broken long-form matrix named-columns
seed_family import_markdown markdown-broken markdown-files markdown-levels markdown-table
seed_family import_progression progression progression-broken
seed_family import_structured structured-broken structured-json structured-yaml

# --- every input ever kept as a regression
for dir in "$fuzz_dir"/regressions/*/; do
    [ -d "$dir" ] || continue
    mkdir -p "$corpus/$(basename "$dir")"
    cp "$dir"* "$corpus/$(basename "$dir")/" 2>/dev/null || true
done

for dir in "$corpus"/*/; do
    printf '%-20s %4d seeds\n' "$(basename "$dir")" "$(find "$dir" -type f | wc -l)"
done
