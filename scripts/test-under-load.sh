#!/usr/bin/env bash
# The test suite on a slow, busy machine (issue 14): runs the README's test command,
# `swift test`, RUNS times in a row (default 3) while another process keeps both cores
# busy (`stress-ng --cpu 2`), and prints each run's wall time and whether it passed.
# Exit status: 0 when every run passed, 1 when any failed, 2 usage.
#
#   scripts/test-under-load.sh [RUNS]
#
# Installs stress-ng, and what .ci/run installs, when they are missing. Builds once first
# (`swift build --build-tests`, before the load starts and not timed), so that the runs
# time the tests alike. Each run's output goes to .build/test-under-load-N.log. The load
# is stopped however the script ends (and stress-ng gives up by itself after
# RUNS x 45 minutes, should the script be killed outright).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
[[ $# -le 1 && "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/test-under-load.sh [RUNS]" >&2; exit 2; }

bash scripts/install-test-tools.sh stress-ng
echo "building (not under load, not timed) ..."
swift build --build-tests 2>&1 | tail -1

load=
stop_load() {
    if [[ -n "$load" ]]; then
        kill -TERM -- "-$load" 2>/dev/null || true
        wait "$load" 2>/dev/null || true
        load=
    fi
}
trap stop_load EXIT
trap 'stop_load; exit 130' INT TERM
# Its own process group (setsid), so that stopping it stops every worker it started.
setsid stress-ng --cpu 2 --timeout "$((runs * 45))m" --quiet &
load=$!
sleep 1
kill -0 "$load" 2>/dev/null || { echo "stress-ng did not start" >&2; exit 1; }
echo "load: stress-ng --cpu 2 (pid $load) on $(nproc) cores"

failed=0
results=()
for run in $(seq 1 "$runs"); do
    log=.build/test-under-load-$run.log
    echo "run $run of $runs: swift test (output: $log; load average $(cut -d' ' -f1-3 /proc/loadavg)) ..."
    start=$(date +%s)
    if swift test >"$log" 2>&1; then result=passed; else result=FAILED; failed=1; fi
    seconds=$(( $(date +%s) - start ))
    summary=$(grep -E '^(✔|✘) Test run with' "$log" | tail -1 || true)
    results+=("$(printf 'run %d: %-6s in %dm%02ds  %s' "$run" "$result" $((seconds / 60)) $((seconds % 60)) "$summary")")
    echo "${results[-1]}"
    if [[ $result == FAILED ]]; then
        grep -E '^✘ Test .*(recorded an issue|failed)|Fatal error|error:' "$log" | head -20 || true
    fi
done
stop_load

echo
echo "swift test under load (stress-ng --cpu 2 on $(nproc) cores):"
printf '%s\n' "${results[@]}"
exit $failed
