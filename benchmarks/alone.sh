#!/bin/bash
# France a year with each binary ALONE (two memory-bound France runs side by side share the
# cache and memory bandwidth and hide the difference), then Loir-et-Cher old and new side by
# side, twice. Run on an idle machine; outputs and timings go to OUT.
#   benchmarks/alone.sh OLD_BINARY NEW_BINARY FRANCE_YAML LEC_CHECKOUT OUT
# Then France's outputs of both binaries are compared byte for byte (compare_outputs.sh).
# FRANCE_YAML: from benchmarks/make_france.py; LEC_CHECKOUT: a checkout whose
# scenarios/loir-et-cher.yaml both binaries read (the older one's, so both run the same work).
set -eu
OLD=$1 NEW=$2 FRANCE=$3 LEC=$4 OUT=$5
. "$(dirname "$0")/compare_outputs.sh"
mkdir -p "$OUT"
for w in old new; do
  B=$OLD; [ "$w" = new ] && B=$NEW
  rm -rf "$OUT/fr-$w"
  /usr/bin/time -f "%e %U %M" -o "$OUT/fr-$w.time" "$B" run "$FRANCE" --jobs 1 --quiet --out "$OUT/fr-$w"
done
for i in 1 2; do
  for w in old new; do
    B=$OLD; [ "$w" = new ] && B=$NEW
    rm -rf "$OUT/lec-$w-$i"
    (cd "$LEC" && /usr/bin/time -f "%e %U %M" -o "$OUT/lec-$w-$i.time" "$B" run scenarios/loir-et-cher.yaml \
       --plan baseline --replications 4 --jobs 1 --quiet --out "$OUT/lec-$w-$i") &
  done
  wait
done
echo "file: elapsed s, user s, max RSS kB"
for f in "$OUT"/*.time; do echo "$(basename "$f" .time): $(cat "$f")"; done
if compare_outputs "$OUT/fr-old" "$OUT/fr-new" france; then echo "France: $COMPARED files identical"; fi
