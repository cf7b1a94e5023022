#!/bin/sh
# Issue 18: `schoolgate import ics` of a generated Google-like export at 1x and 10x
# (4,600 and 46,000 events), into a fresh school each time; prints the wall and CPU
# seconds of each and their ratio. The files are generated in a temporary folder.
#   bench/import-ics.sh [SCHOOLGATE]     (default: the debug build in .build)
set -eu
cd "$(dirname "$0")/.."
SG=${1:-$(swift build --show-bin-path)/schoolgate}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/schoolgate-ics-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
for n in 4600 46000; do
    python3 bench/make-ics.py "$n" > "$WORK/$n.ics"
    STORE="$WORK/store-$n"
    "$SG" init --store "$STORE" --school "Bench" --admin ada --time-zone Europe/London \
        --mail-from office@bench.example >/dev/null
    "$SG" --store "$STORE" --as ada site add whole-school calendar --kind calendar --title Calendar \
        --owner ada >/dev/null 2>&1 || {
        "$SG" --store "$STORE" --as ada collection add whole-school --title "Whole school" --admin ada >/dev/null
        "$SG" --store "$STORE" --as ada site add whole-school calendar --kind calendar --title Calendar --owner ada >/dev/null
    }
    size=$(wc -c < "$WORK/$n.ics")
    /usr/bin/time -f "$n events ($size bytes): %e s wall, %U s user + %S s system" \
        "$SG" --store "$STORE" --as ada import ics whole-school/calendar "$WORK/$n.ics" 2>&1 >"$WORK/out-$n" | tail -1
    head -1 "$WORK/out-$n"
    /usr/bin/time -f "  again (unchanged): %e s wall, %U s user + %S s system" \
        "$SG" --store "$STORE" --as ada import ics whole-school/calendar "$WORK/$n.ics" 2>&1 >"$WORK/again-$n" | tail -1
    head -1 "$WORK/again-$n"
done
