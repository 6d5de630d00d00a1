#!/usr/bin/env bash
# Benchmark 4: clean build times and the size of the release `prism` binary.
#
# Usage: scripts/bench.sh            (from anywhere; works in the package root)
#
# Builds into throwaway scratch folders (.build-bench, .build-bench-release; both
# git-ignored) so the normal .build cache is neither used nor disturbed. Dependencies
# are resolved (from SwiftPM's local cache; no network needed once cached) before the
# clock starts, so the times are compile + link only. Run it on an otherwise idle
# machine: anything else using the CPU inflates the times.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEBUG_SCRATCH="$ROOT/.build-bench"
RELEASE_SCRATCH="$ROOT/.build-bench-release"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/prism-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

TIMEFORMAT='%R s wall, %U s user, %S s sys'

section() { printf '\n== %s\n' "$1"; }

section "Machine"
echo "cores:  $(nproc)"
lscpu | grep 'Model name' | sed 's/^Model name: */cpu:    /'
free -h | awk '/^Mem:/ { print "memory: " $2 }'
swift --version 2>&1 | head -1
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $LOAD_BEFORE"

timed() {
    # Runs the command quietly; prints its wall/user/sys time, or its log on failure.
    local log="$OUT/build.log"
    local result
    if ! result=$( { time "$@" >"$log" 2>&1; } 2>&1 ); then
        echo "FAILED: $*"
        tail -30 "$log"
        exit 1
    fi
    echo "$result"
}

section "Clean debug build (all products)"
rm -rf "$DEBUG_SCRATCH"
swift package --scratch-path "$DEBUG_SCRATCH" resolve >/dev/null 2>&1
echo "swift build --scratch-path .build-bench"
timed swift build --scratch-path "$DEBUG_SCRATCH"

section "Clean release build (prism product)"
rm -rf "$RELEASE_SCRATCH"
swift package --scratch-path "$RELEASE_SCRATCH" resolve >/dev/null 2>&1
echo "swift build -c release --product prism --scratch-path .build-bench-release"
timed swift build -c release --product prism --scratch-path "$RELEASE_SCRATCH"

section "No-op rebuild (release, nothing changed)"
timed swift build -c release --product prism --scratch-path "$RELEASE_SCRATCH"

section "Release binary size"
BIN="$RELEASE_SCRATCH/release/prism"
cp "$BIN" "$OUT/prism"
cp "$BIN" "$OUT/prism-stripped"
strip "$OUT/prism-stripped"
size_of() { stat -c %s "$1"; }
human() { numfmt --to=iec-i --suffix=B --format='%.1f' "$1"; }
echo "unstripped: $(size_of "$OUT/prism") bytes ($(human "$(size_of "$OUT/prism")"))"
echo "stripped:   $(size_of "$OUT/prism-stripped") bytes ($(human "$(size_of "$OUT/prism-stripped")"))"
"$OUT/prism-stripped" --version >/dev/null && echo "stripped binary runs: yes"

section "Shared libraries (ldd)"
ldd "$BIN" > "$OUT/ldd.txt"
echo "$(wc -l < "$OUT/ldd.txt") entries; Swift runtime libraries:"
grep -oE 'lib(swift|Foundation|dispatch|BlocksRuntime|_)[^ ]*\.so[^ ]*' "$OUT/ldd.txt" | sort -u | sed 's/^/  /'
echo "others:"
grep -vE 'lib(swift|Foundation|dispatch|BlocksRuntime|_)' "$OUT/ldd.txt" | awk '{ print "  " $1 }'
total=0
while read -r path; do
    [ -f "$path" ] && total=$((total + $(stat -L -c %s "$path")))
done < <(awk '/=> \// { print $3 }' "$OUT/ldd.txt")
echo "total size of the shared libraries it loads: $(human "$total")"

section "Done"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (before: $LOAD_BEFORE)"
echo "scratch folders left for inspection: .build-bench .build-bench-release (rm -rf them when done)"
