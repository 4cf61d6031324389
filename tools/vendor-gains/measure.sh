#!/usr/bin/env bash
# The instructions (callgrind) each upstream-ready patch of vendor/ saves, as any user of
# the crate would see it: this crate built against the release plus the series up to the
# patch before, then up to the patch, each run over the same pages. Native build: the
# simd128 patch (html5ever 0001) changes wasm only, and is measured in the browser
# (BENCHMARKS.md).
#
#   tools/vendor-gains/measure.sh [PAGE...]   (default: ../shared/corpora/readability/)
#   ONLY=html5ever tools/vendor-gains/measure.sh   (one crate's series: dom_smoothie or html5ever)
set -euo pipefail
only=${ONLY:-}
measures() { [ -z "$only" ] || [ "$only" = "$1" ]; }

root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/target/vendor-gains"
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=("$root"/../shared/corpora/readability/*/source.html)
[ -e "${pages[0]}" ] || { echo "measure.sh: no pages (../shared/corpora/readability/ absent?)" >&2; exit 1; }

# A copy of this crate, so that the lock file cargo writes stays in target/; the trees and
# binaries are made again, cargo's build folder is kept.
rm -rf "$work/trees" "$work/bin" "$work/src" && mkdir -p "$work/trees"
cp -r "$root/tools/vendor-gains/Cargo.toml" "$root/tools/vendor-gains/src" "$work/"
export CARGO_TARGET_DIR="$work/target"

# build NAME CRATE N BIN [FEATURES]: BIN built against CRATE's release plus its first N
# patches, kept as $work/bin/NAME.
build() {
  local name=$1 crate=$2 count=$3 bin=$4 features=${5:-} tree="$work/trees/$2-$3"
  [ -e "$tree" ] || "$root/tools/vendor.sh" tree "$crate" "$count" "$tree"
  (cd "$work" && cargo build --release --quiet --bin "$bin" ${features:+--features "$features"} \
    --config "patch.crates-io.$crate.path=\"$tree\"")
  mkdir -p "$work/bin" && cp "$CARGO_TARGET_DIR/release/$bin" "$work/bin/$name"
}

# run NAME [MODE]: the total instructions of one run over the pages, in $work/NAME.total.
# Runs in the background (two at a time); `wait` collects them.
run() {
  local name=$1 mode=${2:-}
  [ "$(jobs -rp | wc -l)" -lt 2 ] || wait -n
  (valgrind --tool=callgrind --callgrind-out-file="$work/$name.callgrind" \
      "$work/bin/$name" $mode "${pages[@]}" > /dev/null 2> "$work/$name.valgrind.log" &&
    awk '/^(summary|totals):/ { print $2; exit }' "$work/$name.callgrind" > "$work/$name.total") &
}

# row LABEL BEFORE AFTER: a line of the table, from two runs' totals.
# (%.0f, not %d: mawk prints counts over 2^31 as 2147483647.)
row() {
  awk -v label="$1" -v before="$(cat "$work/$2.total")" -v after="$(cat "$work/$3.total")" \
    'BEGIN { printf "%-52s %15.0f %15.0f %+7.2f %%\n", label, before, after, 100 * (after - before) / before }'
}

patch_name() { ls "$root/vendor/$1/patches" | sed -n "$2p"; }

if measures dom_smoothie; then
  build smoothie-1 dom_smoothie 1 smoothie in_place
  for count in 2 3 4 5; do build "smoothie-$count" dom_smoothie "$count" smoothie; done
fi
# parse-0 is the release alone: 0001 (simd128) must leave a native build's count as it was.
if measures html5ever; then
  for count in 0 1 2 3; do build "parse-$count" html5ever "$count" parse; done
fi

if measures dom_smoothie; then
  run smoothie-1 parse
  cp "$work/bin/smoothie-1" "$work/bin/smoothie-1-in-place"
  run smoothie-1-in-place in_place
  for count in 2 3 4 5; do run "smoothie-$count" parse; done
fi
if measures html5ever; then
  for count in 0 1 2 3; do run "parse-$count"; done
fi
wait

echo "${#pages[@]} pages; instructions before and after"
if measures dom_smoothie; then
  row "dom_smoothie 0001 parse_in_place instead of parse" smoothie-1 smoothie-1-in-place
  for count in 2 3 4 5; do
    row "dom_smoothie $(patch_name dom_smoothie "$count")" "smoothie-$((count - 1))" "smoothie-$count"
  done
fi
if measures html5ever; then
  for count in 1 2 3; do
    row "html5ever $(patch_name html5ever "$count")" "parse-$((count - 1))" "parse-$count"
  done
fi
