#!/usr/bin/env bash
# Reproduces the figures of benchmarks/README.md (build first: ./build.sh test).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${MAILLAGE_BUILD_DIR:-build}
cmake --build "$B" --target bench_mmc bench_location maillage >/dev/null
echo "== machine"; lscpu | grep -E "Model name|^CPU\(s\)"; free -g | head -2
echo "== M/M/c walk-in reference vs bare std::priority_queue loop"
"$B/benchmarks/bench_mmc" 5e6 3
echo "== Loir-et-Cher year (328,543 inhabitants, GP care and remote care), 4 replications on one core"
TIME=(); [ -x /usr/bin/time ] && TIME=(/usr/bin/time -f "%e s elapsed, %M kB max resident")  # Debian package: time
time "${TIME[@]}" "$B/maillage" run scenarios/loir-et-cher.yaml \
  --jobs 1 --replications 4 --quiet --out /tmp/maillage-bench-dept
echo "== sweep throughput, 1 and 2 workers"
/usr/bin/python3 benchmarks/sweep_throughput.py 16
echo "== site-selection screen: exact (GLPK) and heuristic, Yvelines to France"
"$B/benchmarks/bench_location" ../shared/data/communes-france.csv
echo "== France: mainland (34,379 communes, 65.8 M people), GP care, one replication on one core"
/usr/bin/python3 benchmarks/make_france.py ../shared/data/communes-france.csv /tmp/maillage-france
"${TIME[@]}" "$B/maillage" run /tmp/maillage-france/france.yaml --jobs 1 --quiet --out /tmp/maillage-france/out
