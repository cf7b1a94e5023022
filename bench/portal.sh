#!/bin/sh
# The parents' portal under load (issue 19; docs/performance.md, "The parents' portal").
#   bench/portal.sh                 release build, max demo school, wrk 10 s per page, a 60 s soak
#   bench/portal.sh --soak 600      the 10-minute soak of the memory figure
# Options go to bench/portal_bench.py: --duration S (each wrk run), --connections N (100),
# --soak S, --burst N (2,000 parents), --work DIR (default $TMPDIR/schoolgate-portal-bench;
# the max store is built there once, and each run works on a copy of it). Needs wrk and nginx (Debian; installed by
# scripts/install-test-tools.sh). Builds in .build-release like bench/run.sh, holding
# /tmp/schoolgate-build.lock while building when it exists.
set -eu
cd "$(dirname "$0")/.."
LOCK=${SCHOOLGATE_BENCH_LOCK:-/tmp/schoolgate-build.lock}
locked() { if [ -e "$LOCK" ]; then flock -o "$LOCK" "$@"; else "$@"; fi; }
for tool in wrk /usr/sbin/nginx; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: run scripts/install-test-tools.sh" >&2; exit 2; }
done
locked swift build -c release --scratch-path .build-release --product schoolgate >&2
locked swift build -c release --scratch-path .build-release --product schoolgate-bench >&2
BIN=$(swift build -c release --scratch-path .build-release --show-bin-path)
WORK=${TMPDIR:-/tmp}/schoolgate-portal-bench
mkdir -p bench/out
python3 bench/portal_bench.py --schoolgate "$BIN/schoolgate" --bench "$BIN/schoolgate-bench" --work "$WORK" "$@" | tee bench/out/portal-latest.md
