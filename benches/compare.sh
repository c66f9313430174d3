#!/usr/bin/env bash
# Side by side: `signpost build` (with and without search) against Hugo, and against Hugo
# followed by the Pagefind CLI, on the same synthetic pages (`signpost corpus --format
# signpost|hugo`: services, partners and guidance of 400-800 words with headings, lists,
# links, tiers and regions; Hugo's layouts render the same page parts, related content
# included). The builds run interleaved (one of each tool per round, after two warm-up
# rounds, so every tool rebuilds a site it has built before, as an editor does), and the
# script prints each tool's median wall time and its peak memory (the largest resident
# set of any run), and the ratios the README quotes.
#
#   benches/compare.sh [SIZES] [RUNS]        e.g. benches/compare.sh 1000,10000 3
#
# Not part of CI. Installs Hugo (Debian's package) and the Pagefind CLI (npm, the version
# of the pagefind crate in Cargo.lock) when they are missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sizes="${1:-1000,10000}"
runs="${2:-3}"

need_apt() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "== installing $2" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "$2" >/dev/null; fi
}
need_apt hugo hugo
need_apt python3 python3
need_apt npm npm
[ -x /usr/bin/time ] || need_apt /usr/bin/time time

tools="${SIGNPOST_BENCH_TOOLS:-$HOME/.cache/signpost-bench-tools}"
pagefind_version=$(grep -A1 '^name = "pagefind"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
pagefind="$tools/node_modules/.bin/pagefind"
if ! [ -x "$pagefind" ] || ! "$pagefind" --version 2>/dev/null | grep -q "$pagefind_version"; then
  echo "== installing the Pagefind CLI $pagefind_version from npm" >&2
  mkdir -p "$tools"
  npm install --silent --prefix "$tools" "pagefind@$pagefind_version" >/dev/null
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet
signpost="$CARGO_TARGET_DIR/release/signpost"

echo "signpost: $("$signpost" --version)  hugo: $(hugo version | cut -d' ' -f2)  pagefind: $("$pagefind" --version)" >&2
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB memory" >&2

results=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run: wall seconds and peak resident KiB of the command (GNU time).
measure() {
  local out
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>"$out.err" || {
    echo "failed: $*" >&2; cat "$out.err" >&2; exit 1; }
  cat "$out"; rm -f "$out" "$out.err"
}

run_round() {
  local size=$1 round=$2 s n h a b
  # Separate copies for the builds with and without search: each keeps its own output.
  s="$work/$size/signpost"; n="$work/$size/signpost-no-search"; h="$work/$size/hugo"
  echo "$size $round signpost-no-search $(measure "$signpost" build --no-search --root "$n")" >>"$results"
  echo "$size $round hugo $(measure hugo --quiet -s "$h")" >>"$results"
  echo "$size $round signpost-search $(measure "$signpost" build --root "$s")" >>"$results"
  a=$(measure hugo --quiet -s "$h")
  b=$(measure "$pagefind" --site "$h/public")
  echo "$size $round hugo+pagefind $(echo "$a $b" | awk '{printf "%.2f %d", $1 + $3, ($2 > $4 ? $2 : $4)}')" >>"$results"
}

for size in ${sizes//,/ }; do
  mkdir -p "$work/$size"
  "$signpost" corpus --pages "$size" --format signpost "$work/$size/signpost" 2>/dev/null
  cp -r "$work/$size/signpost" "$work/$size/signpost-no-search"
  "$signpost" corpus --pages "$size" --format hugo "$work/$size/hugo" 2>/dev/null
  sync
  echo "== $size pages: two warm-up rounds, then $runs timed rounds" >&2
  run_round "$size" 0 >/dev/null
  run_round "$size" 0 >/dev/null
  for round in $(seq 1 "$runs"); do run_round "$size" "$round"; done
done

python3 - "$results" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
data = {}
for size, rnd, tool, wall, kib in rows:
    if rnd == "0":
        continue
    data.setdefault((int(size), tool), []).append((float(wall), int(kib)))
def med(size, tool):
    walls = [w for w, _ in data[(size, tool)]]
    return statistics.median(walls), max(k for _, k in data[(size, tool)]) / 1024
print("| pages | Signpost, no search | Hugo | Signpost with search | Hugo + Pagefind CLI | no search / Hugo | with search / (Hugo + Pagefind): time, memory |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for size in sorted({s for s, _ in data}):
    n, h, s, p = (med(size, t) for t in ("signpost-no-search", "hugo", "signpost-search", "hugo+pagefind"))
    cell = lambda m: f"{m[0]:.2f} s, {m[1]:.0f} MiB"
    print(f"| {size:,} | {cell(n)} | {cell(h)} | {cell(s)} | {cell(p)} | {n[0] / h[0]:.2f} | {s[0] / p[0]:.2f}, {s[1] / p[1]:.2f} |")
PY
