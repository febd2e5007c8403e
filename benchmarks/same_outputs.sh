#!/usr/bin/env bash
# Do two binaries give the same outputs? Each example scenario (scenarios/*.yaml, every plan)
# run with --replications 3 by both, then every output file compared with cmp (the manifest
# without its --out line) and the printed summaries with the --out folder left out. For a
# change of build flags or code that must not move a result.
#
#   benchmarks/same_outputs.sh OLD_MAILLAGE NEW_MAILLAGE OUT
#
# Exit status 1 when anything differs.
set -uo pipefail
[ $# -eq 3 ] || { sed -n 2,8p "$0"; exit 2; }
OLD=$(readlink -f "$1"); NEW=$(readlink -f "$2"); OUT=$3
cd "$(dirname "$0")/.."
. benchmarks/compare_outputs.sh
mkdir -p "$OUT"
status=0
for s in scenarios/*.yaml; do
  name=$(basename "$s" .yaml)
  for w in old new; do
    B=$OLD; [ $w = new ] && B=$NEW
    rm -rf "$OUT/$name-$w"
    "$B" run "$s" --replications 3 --out "$OUT/$name-$w" 2>&1 | sed "s|$OUT/$name-$w|OUT|g" >"$OUT/$name-$w.txt" &
  done
  wait
  cmp -s "$OUT/$name-old.txt" "$OUT/$name-new.txt" || { echo "DIFF $name: printed summary"; status=1; }
  compare_outputs "$OUT/$name-old" "$OUT/$name-new" "$name" || status=1
  echo "$name: $COMPARED files compared"
done
[ $status = 0 ] && echo "identical: every output file and printed summary"
exit $status
