#!/bin/sh
# The long reliability run of issue 8 (docs/reliability.md). The same tests as the CI-sized
# `swift test --filter SchoolGateReliabilityTests`, with every count scaled up by
# SCHOOLGATE_LONG=1: crash loop 10,000 SIGKILLs, races 2,000 trials of each kind,
# corruption 200,000 mutations, model-based 100,000 sequences (the fault sweeps are
# exhaustive already and run as in CI).
#
#   scripts/reliability-long.sh                 every part, one after another
#   scripts/reliability-long.sh crash model     only these parts
#
# Parts: crash, sweep, strace, races, corruption, model. Each runs in its own process of the
# built test bundle (niced), so that each part's figures are in the log as soon as it ends;
# since the bundle is run directly rather than through `swift test`, two invocations of
# this script (say `model` and the rest) can run side by side on a machine with spare cores. Figures
# ("[reliability] ..." lines) and the full output go to .build/reliability-long-<part>.log.
# SCHOOLGATE_LONG_FACTOR=0.1 runs a tenth of the counts; SCHOOLGATE_SEED=N fixes the seeds.
# SCHOOLGATE_BUILD_LOCK=FILE builds under `flock FILE` (a machine shared by several builds).
set -eu
cd "$(dirname "$0")/.."
if [ -n "${SCHOOLGATE_BUILD_LOCK:-}" ]; then
    flock -o "$SCHOOLGATE_BUILD_LOCK" swift build --build-tests
else
    swift build --build-tests
fi
bundle="$(swift build --show-bin-path)/schoolgatePackageTests.xctest"
parts="${*:-crash sweep strace races corruption model}"
status=0
for part in $parts; do
    case "$part" in
        crash) filter=SchoolGateReliabilityTests.CrashLoopTests ;;
        sweep) filter=SchoolGateReliabilityTests.FaultSweepTests ;;
        strace) filter=SchoolGateReliabilityTests.StraceSweepTests ;;
        races) filter=SchoolGateReliabilityTests.RaceTests ;;
        corruption) filter=SchoolGateReliabilityTests.CorruptionTests ;;
        model) filter=SchoolGateReliabilityTests.ModelBasedTests ;;
        *) echo "unknown part: $part (crash, sweep, strace, races, corruption, model)" >&2; exit 2 ;;
    esac
    log=".build/reliability-long-$part.log"
    echo "== $part: $(date -u +%H:%M:%S) UTC" | tee "$log"
    start=$(date +%s)
    if SCHOOLGATE_LONG=1 nice -n 10 "$bundle" --testing-library swift-testing --filter "$filter" >>"$log" 2>&1; then
        result=passed
    else
        result=FAILED
        status=1
    fi
    echo "== $part $result in $(( $(date +%s) - start )) s" | tee -a "$log"
    grep '\[reliability\]' "$log" || true
done
exit $status
