#!/usr/bin/env bash
# The vendored crates as pinned crates.io releases plus numbered patch series (issue 16).
# vendor/<crate>/ is the release's .crate unpacked, with vendor/<crate>/patches/*.patch
# applied in order, plus Pith's own files there (PATCHES.md, patches/, and upstream/ where
# a patch is kept in the form its upstream repository takes it). The patched tree
# is committed, so a fresh clone builds with plain `cargo build`; `check` makes sure it
# never drifts from release + series.
#
#   tools/vendor.sh check [CRATE...]  rebuild each crate (default: all) in a temporary
#                                     folder and compare it with vendor/CRATE (make test)
#   tools/vendor.sh apply CRATE...    rewrite vendor/CRATE from its release and its series
#   tools/vendor.sh diff CRATE        vendor/CRATE as edited against release + series: the
#                                     next patch, to save as patches/NNNN-what.patch
#   tools/vendor.sh pin CRATE VERSION pin another release in vendor/pinned.txt, with the
#                                     checksum crates.io's index gives (then `apply`)
#   tools/vendor.sh tree CRATE N DEST the release plus its first N patches in DEST (to
#                                     measure one patch: tools/vendor-gains/measure.sh)
#
# vendor/pinned.txt names each crate's release and the sha256 of its .crate (the "cksum"
# of crates.io's index, which cargo checks too). The .crate is taken from cargo's registry
# cache when it is there, else downloaded from static.crates.io into target/vendor-crates/,
# and refused if its checksum differs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
pinned="$root/vendor/pinned.txt"
downloads="$root/target/vendor-crates"

die() { echo "vendor.sh: $*" >&2; exit 1; }

all_crates() { awk '!/^#/ && NF { print $1 }' "$pinned"; }

# "VERSION SHA256" of a crate, from vendor/pinned.txt.
pin_of() {
  local pin
  pin=$(awk -v crate="$1" '!/^#/ && $1 == crate { print $2, $3 }' "$pinned")
  [ -n "$pin" ] || die "$1 is not in vendor/pinned.txt"
  echo "$pin"
}

# The path of the crate's verified .crate file.
crate_file() {
  local name=$1 version=$2 sum=$3 file candidate
  file="$name-$version.crate"
  for candidate in "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$file" "$downloads/$file"; do
    if [ -f "$candidate" ] && [ "$(sha256sum < "$candidate" | cut -d' ' -f1)" = "$sum" ]; then
      echo "$candidate"
      return
    fi
  done
  mkdir -p "$downloads"
  curl -sSfL --retry 3 -o "$downloads/$file.part" "https://static.crates.io/crates/$name/$file" \
    || die "cannot download $file from static.crates.io"
  [ "$(sha256sum < "$downloads/$file.part" | cut -d' ' -f1)" = "$sum" ] \
    || die "$file from static.crates.io does not have the sha256 pinned in vendor/pinned.txt"
  mv "$downloads/$file.part" "$downloads/$file"
  echo "$downloads/$file"
}

# Unpacks the crate's release into DEST (which must not exist) and applies its series, or
# its first COUNT patches.
build_tree() {
  local name=$1 dest=$2 count=${3:-} version sum crate unpacked patch
  read -r version sum <<< "$(pin_of "$name")"
  crate=$(crate_file "$name" "$version" "$sum")
  unpacked=$(mktemp -d)
  tar -xzf "$crate" -C "$unpacked"
  mv "$unpacked/$name-$version" "$dest"
  rmdir "$unpacked"
  for patch in "$root/vendor/$name/patches/"*.patch; do
    [ -e "$patch" ] || continue
    if [ -n "$count" ]; then
      [ "$count" -gt 0 ] || break
      count=$((count - 1))
    fi
    # The ceiling keeps git from taking an enclosing repository for the patch's root.
    (cd "$dest" && GIT_CEILING_DIRECTORIES=$(dirname "$dest") git apply --whitespace=nowarn "$patch") \
      || die "$(basename "$patch") does not apply to $name $version (after the patches before it)"
  done
}

# Pith's own files in vendor/<crate>/, not from the release.
own_files=(PATCHES.md patches upstream)

# Copies Pith's own files of vendor/<crate>/ into a rebuilt tree.
add_own_files() {
  local name=$1 dest=$2 file
  for file in "${own_files[@]}"; do
    if [ -e "$root/vendor/$name/$file" ]; then cp -r "$root/vendor/$name/$file" "$dest/"; fi
  done
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command=${1:-check}
shift || true
case $command in
  check)
    [ $# -gt 0 ] || set -- $(all_crates)
    for name in "$@"; do
      build_tree "$name" "$work/$name"
      add_own_files "$name" "$work/$name"
      if ! diff -r "$work/$name" "$root/vendor/$name" > "$work/$name.diff"; then
        cat "$work/$name.diff" >&2
        die "vendor/$name differs from its pinned release plus patches/ (above); make the change a patch: tools/vendor.sh diff $name"
      fi
      echo "vendor/$name: $(pin_of "$name" | cut -d' ' -f1) + $(ls "$root/vendor/$name/patches" | grep -c '\.patch$') patches, identical"
    done
    ;;
  apply)
    [ $# -gt 0 ] || die "usage: tools/vendor.sh apply CRATE..."
    for name in "$@"; do
      build_tree "$name" "$work/$name"
      add_own_files "$name" "$work/$name"
      rm -rf "$root/vendor/$name"
      mv "$work/$name" "$root/vendor/$name"
      echo "vendor/$name rewritten: $(pin_of "$name" | cut -d' ' -f1) + its patches"
    done
    ;;
  diff)
    [ $# -eq 1 ] || die "usage: tools/vendor.sh diff CRATE"
    build_tree "$1" "$work/tree"
    # A throwaway repository whose index is release + series and whose files are
    # vendor/CRATE's: `git diff` between the two is the change not yet in a patch.
    cd "$work/tree"
    git init -q && git add -A -f
    find . -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
    cp -r "$root/vendor/$1/." .
    rm -rf "${own_files[@]}"
    git add -A -f -N
    git diff
    ;;
  pin)
    [ $# -eq 2 ] || die "usage: tools/vendor.sh pin CRATE VERSION"
    pin_of "$1" > /dev/null
    name=$1 version=$2
    # The sparse index's path for a name of four or more characters: ab/cd/abcdef.
    [ ${#name} -ge 4 ] || die "index paths of names shorter than 4 characters are not handled"
    sum=$(curl -sSf "https://index.crates.io/${name:0:2}/${name:2:2}/$name" | python3 -c '
import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    if entry["vers"] == sys.argv[1]:
        print(entry["cksum"])' "$version") || die "cannot read $name from crates.io's index"
    [ -n "$sum" ] || die "$name $version is not on crates.io"
    awk -v crate="$name" -v version="$version" -v sum="$sum" \
      '!/^#/ && $1 == crate { printf "%-14s %-8s %s\n", crate, version, sum; next } { print }' \
      "$pinned" > "$work/pinned.txt"
    cp "$work/pinned.txt" "$pinned"
    echo "vendor/pinned.txt: $name $version $sum; now: tools/vendor.sh apply $name"
    ;;
  tree)
    [ $# -eq 3 ] && [[ $2 =~ ^[0-9]+$ ]] || die "usage: tools/vendor.sh tree CRATE N DEST"
    [ ! -e "$3" ] || die "$3 exists"
    build_tree "$1" "$work/tree" "$2"
    mv "$work/tree" "$3"
    ;;
  *)
    die "unknown command $command (check, apply, diff, pin or tree)"
    ;;
esac
