#!/usr/bin/env bash
# Fuzz schoolgate's parsers with libFuzzer (see docs/security.md, "Fuzzing").
#
#   scripts/fuzz.sh TARGET SECONDS     one target: journal, theme, keys, parents, ics, snapshot or portal
#   scripts/fuzz.sh all SECONDS        every target, one after the other, SECONDS each
#
# Builds Fuzz/Entry (the `schoolgate-fuzz` executable, which Package.swift declares only
# when SCHOOLGATE_FUZZ is set) in release mode with libFuzzer and AddressSanitizer,
# in its own build folder (.build-fuzz), so the normal .build is never touched. Each
# target starts from its committed seeds (Fuzz/corpus/TARGET) and grows a working corpus
# in .build-fuzz/corpus/TARGET; crashes are written to .build-fuzz/crashes/. At the end a
# table gives runs, execs/s, coverage (cov: edges, ft: features) and the corpus size.
# Exit status: 0 no crash, 1 a target crashed (the input is named), 2 usage.
#
# Leak detection is off: the Swift runtime keeps metadata caches for the life of the
# process, which LeakSanitizer would report as leaks.
#
# Environment: SCHOOLGATE_BUILD_LOCK=FILE takes that flock(1) lock (with -o, so no child
# keeps it) while building (only
# while building); FUZZ_MAX_LEN (default 65536) and FUZZ_JOBS are passed to libFuzzer
# as -max_len and -jobs.
set -euo pipefail

targets=(journal theme keys parents ics snapshot portal)
usage() {
    echo "usage: scripts/fuzz.sh journal|theme|keys|parents|ics|snapshot|portal|all SECONDS" >&2
    exit 2
}
[[ $# -eq 2 && "$2" =~ ^[0-9]+$ ]] || usage
case "$1" in
    all) chosen=("${targets[@]}") ;;
    journal|theme|keys|parents|ics|snapshot|portal) chosen=("$1") ;;
    *) usage ;;
esac
seconds=$2

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scratch=.build-fuzz
# SwiftPM hands each --sanitize to swiftc as its own -sanitize= option, in an order that
# changes from one build to the next, and swiftc keeps only the last one: the Swift code
# came out either with coverage counters and no AddressSanitizer or the other way round.
# One combined option, given last, keeps both; the check after the build makes sure.
build=(swift build -c release --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address
       --product schoolgate-fuzz --scratch-path "$scratch")
echo "building schoolgate-fuzz (libFuzzer + AddressSanitizer) in $scratch ..."
if [[ -n "${SCHOOLGATE_BUILD_LOCK:-}" ]]; then
    SCHOOLGATE_FUZZ=1 flock -o "$SCHOOLGATE_BUILD_LOCK" "${build[@]}" 2>&1 | grep -v "ld.gold: warning: Cannot export local symbol" | tail -3
else
    SCHOOLGATE_FUZZ=1 "${build[@]}" 2>&1 | grep -v "ld.gold: warning: Cannot export local symbol" | tail -3
fi
binary="$scratch/release/schoolgate-fuzz"
[[ -x "$binary" ]] || { echo "the build did not produce $binary" >&2; exit 1; }
# The parsers' own code must carry both instrumentations (see the build options above):
# one object file of the store's readers and one of the portal's request reading.
for probe in "$scratch/release/SchoolGateRecords.build/SnapshotBytes.swift.o" \
             "$scratch/release/SchoolGateWeb.build/PortalHTTP.swift.o"; do
    [[ -f "$probe" ]] || { echo "no $probe to check the instrumentation with (a source file moved? update scripts/fuzz.sh)" >&2; exit 1; }
    sections=$(objdump -h "$probe" 2>&1 || true)
    symbols=$(nm "$probe" 2>&1 || true)
    if [[ $sections != *__sancov_cntrs* || $symbols != *__asan_* ]]; then
        echo "the Swift code in $binary lacks coverage counters or AddressSanitizer ($probe); rm -rf $scratch and run again" >&2
        exit 1
    fi
done

mkdir -p "$scratch/crashes" "$scratch/logs"
summary=()
status=0
for target in "${chosen[@]}"; do
    work="$scratch/corpus/$target"
    log="$scratch/logs/$target.log"
    mkdir -p "$work"
    echo "fuzzing $target for ${seconds}s (log: $log) ..."
    set +e
    SCHOOLGATE_FUZZ_TARGET="$target" "$binary" "$work" "Fuzz/corpus/$target" \
        -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
        -artifact_prefix="$scratch/crashes/$target-" -print_final_stats=1 ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS} \
        >"$log" 2>&1
    code=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    last=$(grep -E '^#[0-9]+' "$log" | grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[^ ]*' | tail -1 || true)
    if grep -q "Is the code instrumented for coverage" "$log"; then
        # Seen once after an incremental rebuild of .build-fuzz: the parsers lost their
        # coverage counters. A clean build (rm -rf .build-fuzz) restores them.
        summary+=("$(printf '%-9s WARNING: no coverage; rm -rf %s and run again' "$target" "$scratch")")
        status=1
    fi
    if [[ $code -ne 0 ]]; then
        status=1
        crash=$(grep -o "Test unit written to .*" "$log" | tail -1 || true)
        summary+=("$(printf '%-9s CRASH (exit %s) %s' "$target" "$code" "$crash")")
    else
        summary+=("$(printf '%-9s runs %-10s execs/s %-7s %s' "$target" "${runs:-?}" "${rate:-?}" "${last:-}")")
    fi
done
echo
echo "target   results (${seconds}s each)"
printf '%s\n' "${summary[@]}"
exit $status
