#!/bin/sh
# The long reliability run of issue 8 (docs/reliability.md): the same suite as the CI-sized
# `swift test --filter SchoolGateReliabilityTests`, with every count scaled up by
# SCHOOLGATE_LONG=1 (crash loop 10,000 kills, races 2,000 trials each, corruption 200,000
# mutations, model-based 100,000 sequences). CPU-heavy and long (hours on 2 cores): it runs
# niced. SCHOOLGATE_LONG_FACTOR=0.1 runs a tenth of it; SCHOOLGATE_SEED=N fixes the seeds.
# The figures ("[reliability] ..." lines) go to reliability-long.log.
set -eu
cd "$(dirname "$0")/.."
swift build --build-tests
SCHOOLGATE_LONG=1 nice -n 19 swift test --skip-build --filter SchoolGateReliabilityTests 2>&1 | tee reliability-long.log
grep '\[reliability\]' reliability-long.log
