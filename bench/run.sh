#!/bin/sh
# The benchmark suite of issue 7 (see docs/performance.md).
#   bench/run.sh            full run: the max school, 1x/2x/4x/8x growth stores, calcurse,
#                           then bench/import-ics.sh and bench/portal.sh
#   bench/run.sh --smoke    small sizes, a few seconds (CI runs the same through BenchSmokeTests)
# The full run ends with bench/portal.sh (the parents' portal under load, runnable alone).
# Extra arguments go to schoolgate-bench (--runs N, --work DIR). Builds in release in
# .build-release (the debug build in .build is left alone). On a shared machine the
# build and the measurement hold /tmp/schoolgate-build.lock when it exists.
set -eu
cd "$(dirname "$0")/.."
LOCK=${SCHOOLGATE_BENCH_LOCK:-/tmp/schoolgate-build.lock}
locked() { if [ -e "$LOCK" ]; then flock -o "$LOCK" "$@"; else "$@"; fi; }
if ! command -v calcurse >/dev/null 2>&1; then
    echo "calcurse is not installed; trying apt-get install -y calcurse" >&2
    (apt-get install -y calcurse >/dev/null 2>&1 || sudo -n apt-get install -y calcurse >/dev/null 2>&1) \
        || echo "could not install calcurse: the calcurse ratios will be left out" >&2
fi
locked swift build -c release --scratch-path .build-release --product schoolgate >&2
locked swift build -c release --scratch-path .build-release --product schoolgate-bench >&2
BIN=$(swift build -c release --scratch-path .build-release --show-bin-path)
mkdir -p bench/out
locked "$BIN/schoolgate-bench" --schoolgate "$BIN/schoolgate" --work "${TMPDIR:-/tmp}/schoolgate-bench" "$@" \
    | tee bench/out/latest.md
# Importing an iCalendar file at 1x and 10x (issue 18), and the parents' portal under load
# (issue 19): their own scripts, runnable alone. Left out of the smoke run (the portal
# needs the max school, wrk and nginx).
case " $* " in
    *" --smoke "*) ;;
    *)
        bench/import-ics.sh "$BIN/schoolgate" | tee bench/out/import-ics.txt
        bench/portal.sh
        ;;
esac
