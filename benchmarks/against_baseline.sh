#!/bin/bash
# France's year against the binary the target was set on, in the same hour. This VM's speed
# drifts by a third over an evening (the same binary read France's year in 150 to 212 s), so
# a time alone says little; the ratio to a fixed old binary run alongside says what changed.
# Order A B B A (baseline, new, new, baseline) cancels a steady drift; each run is alone.
#   benchmarks/against_baseline.sh BASELINE_BINARY NEW_BINARY FRANCE_YAML OUT [BASELINE_SECONDS]
# BASELINE_BINARY: commit de2c810 built Release (the "318 s" row of benchmarks/README.md):
#   git worktree add /tmp/base de2c810 && cmake -S /tmp/base -B /tmp/base/build \
#     -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/base/build --target maillage
# FRANCE_YAML: from benchmarks/make_france.py. BASELINE_SECONDS (default 318): the baseline's
# recorded time; the new binary's time at that machine speed is printed. The new binary's two
# runs are compared byte for byte (the same scenario and seed must give the same files).
set -eu
BASE=$1 NEW=$2 FRANCE=$3 OUT=$4 RECORDED=${5:-318}
. "$(dirname "$0")/compare_outputs.sh"
mkdir -p "$OUT"
run() {  # run LABEL BINARY: user seconds to OUT/LABEL.time
  rm -rf "$OUT/$1"
  /usr/bin/time -f "%e %U %M" -o "$OUT/$1.time" "$2" run "$FRANCE" --jobs 1 --quiet --out "$OUT/$1"
}
run base-1 "$BASE"; run new-1 "$NEW"; run new-2 "$NEW"; run base-2 "$BASE"
echo "run: elapsed s, user s, max RSS kB"
for r in base-1 new-1 new-2 base-2; do echo "$r: $(cat "$OUT/$r.time")"; done
awk -v rec="$RECORDED" '
  FNR == 1 { user[FILENAME] = $2 }
  END {
    for (f in user) if (f ~ /base-/) b += user[f] / 2; else n += user[f] / 2
    printf "new / baseline (user, means) = %.3f: at the baseline'"'"'s %g s, the new binary takes %.0f s\n", n / b, rec, rec * n / b
  }' "$OUT"/base-1.time "$OUT"/base-2.time "$OUT"/new-1.time "$OUT"/new-2.time
if compare_outputs "$OUT/new-1" "$OUT/new-2" new; then echo "new: both runs' $COMPARED files identical"; fi
