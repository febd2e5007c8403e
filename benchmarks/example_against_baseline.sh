#!/bin/bash
# The Loir-et-Cher example against the binary and example of its recorded "1.00 s per
# replication" (commit 1a169cd, benchmarks/README.md "Département-year": 3.99 s for
# `--plan baseline --replications 4 --jobs 1`), in the same hour. This VM's speed drifts by
# a third over an evening, so, as for France (against_baseline.sh), the ratio to a fixed old
# binary run alongside says what changed; order A B B A per round cancels a steady drift.
# The old binary runs its own example (fewer care types than today's: the comparison is
# against the new binary, not for it).
#   benchmarks/example_against_baseline.sh BASE_TREE NEW_BINARY [ROUNDS] [RECORDED_SECONDS]
# BASE_TREE: a worktree of 1a169cd built Release:
#   git worktree add /tmp/lec-base 1a169cd && cmake -S /tmp/lec-base -B /tmp/lec-base/build \
#     -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/lec-base/build --target maillage
set -eu
BASE_TREE=$(readlink -f "$1") NEW=$(readlink -f "$2") ROUNDS=${3:-3} RECORDED=${4:-3.99}
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
run() {  # run base|new: "label elapsed user" appended to OUT/times
  local tree=$HERE bin=$NEW
  [ "$1" = base ] && tree=$BASE_TREE bin=$BASE_TREE/build/maillage
  (cd "$tree" && /usr/bin/time -a -o "$OUT/times" -f "$1 %e %U" "$bin" run scenarios/loir-et-cher.yaml \
    --plan baseline --replications 4 --jobs 1 --quiet --out "$OUT/$1" >/dev/null)
}
for _ in $(seq "$ROUNDS"); do run base; run new; run new; run base; done
cat "$OUT/times"
awk -v rec="$RECORDED" '
  { e[$1] += $2; u[$1] += $3; n[$1]++ }
  END {
    r = (e["new"] / n["new"]) / (e["base"] / n["base"])
    printf "new / baseline (elapsed, means) = %.3f (user %.3f)\n", r, (u["new"] / n["new"]) / (u["base"] / n["base"])
    years = 4 * 435 / 365
    printf "today: %.3f s per replication-year; at the baseline'"'"'s recorded %g s: %.3f s\n", e["new"] / n["new"] / years, rec, rec * r / years
  }' "$OUT/times"
