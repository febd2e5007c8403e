#!/usr/bin/env bash
# Builds and runs a fuzz target of the loader (see README.md here):
#   tests/fuzz/run.sh yaml|csv [SECONDS] [LIBFUZZER FLAGS...]
# (default 600 s; findings in build-fuzz/crashes-MODE/; later flags override, e.g. -fork=0)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${MAILLAGE_FUZZ_BUILD_DIR:-build-fuzz}
mode=${1:-yaml}
seconds=${2:-600}
shift $(($# < 2 ? $# : 2))
CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -DMAILLAGE_FUZZ=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target "fuzz_$mode"

seeds="$BUILD/seeds-$mode" corpus="$BUILD/corpus-$mode" crashes="$BUILD/crashes-$mode"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$crashes"
# Seeds: the examples and the fixtures. For csv, the first byte picks the file the CSV is
# (0 communes, 1 road edges, 2 network coverage, 3 ages, 4 a national table filtered to a
# département: see fuzz_loader.cpp).
seed() { { printf "\\$(printf '%03o' "$1")"; cat "$2"; } >"$seeds/$1-$(echo "$2" | tr / -)"; }
if [ "$mode" = yaml ]; then
  for f in scenarios/*.yaml scenarios/data/*.yaml tests/fixtures/*.yaml tests/fixtures/broken/*.yaml; do
    cp "$f" "$seeds/$(echo "$f" | tr / -)"
  done
else
  for f in scenarios/data/*-communes.csv tests/fixtures/communes.csv tests/fixtures/bad_communes.csv; do seed 0 "$f"; done
  for f in tests/fixtures/roads*.csv; do seed 1 "$f"; done
  for f in scenarios/data/*-coverage.csv; do seed 2 "$f"; done
  for f in tests/fixtures/ages/*.csv; do seed 3 "$f"; done
  for f in tests/fixtures/spreadsheet/communes-*.csv; do seed 4 "$f"; done
  { head -1 scenarios/data/france-communes.csv; grep -m 60 '^4[01]' scenarios/data/france-communes.csv; } >"$BUILD/france-41.csv"; seed 4 "$BUILD/france-41.csv"
fi
exec "$BUILD/tests/fuzz/fuzz_$mode" "$corpus" "$seeds" -dict=tests/fuzz/scenario.dict -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -max_len=20000 -artifact_prefix="$crashes/" -print_final_stats=1 \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 "$@"  # go on past a finding: collect them all
