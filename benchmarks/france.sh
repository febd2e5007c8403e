#!/usr/bin/env bash
# France end to end, two binaries side by side (one core each, at the same moment, so that
# the machine's load weighs on both alike), then their outputs compared byte for byte.
#
#   benchmarks/france.sh OLD_MAILLAGE NEW_MAILLAGE [--set scenario.horizon="45 d"]...
#
# Builds the scenario (benchmarks/make_france.py) into $FRANCE_DIR (default
# /tmp/maillage-france-sbs) unless it is there; extra arguments go to both `run`s. Prints per
# binary: elapsed, user CPU, max resident (/usr/bin/time), instructions and cycles in user
# space (perf stat, when perf is installed and allowed), then `cmp` of every output file
# (the manifest compared without its --out line). Exit status 1 when an output differs.
set -uo pipefail
[ $# -ge 2 ] || { sed -n 2,12p "$0"; exit 2; }
OLD=$(readlink -f "$1"); NEW=$(readlink -f "$2"); shift 2
cd "$(dirname "$0")/.."
. benchmarks/compare_outputs.sh
DIR=${FRANCE_DIR:-/tmp/maillage-france-sbs}
[ -f "$DIR/france.yaml" ] || /usr/bin/python3 benchmarks/make_france.py ../shared/data/communes-france.csv "$DIR"
PERF=(); perf stat -e instructions:u true >/dev/null 2>&1 && PERF=(perf stat -x, -e instructions:u,cycles:u -o)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in old new; do
  B=$OLD; [ $w = new ] && B=$NEW
  rm -rf "$DIR/out-$w"; mkdir -p "$DIR/out-$w"
  P=(); [ ${#PERF[@]} -gt 0 ] && P=("${PERF[@]}" "$DIR/perf-$w.txt")
  /usr/bin/time -f "%e %U %M" -o "$DIR/time-$w.txt" "${P[@]}" \
    "$B" run "$DIR/france.yaml" --jobs 1 --quiet --out "$DIR/out-$w" "$@" >"$DIR/stdout-$w.txt" 2>&1 &
done
wait
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-4s %10s %10s %12s %16s %16s\n" "" elapsed_s user_s max_rss_MB instructions_u cycles_u
for w in old new; do
  read -r e u m <"$DIR/time-$w.txt"
  i=-; c=-
  if [ -f "$DIR/perf-$w.txt" ]; then
    i=$(grep instructions "$DIR/perf-$w.txt" | cut -d, -f1); c=$(grep cycles "$DIR/perf-$w.txt" | cut -d, -f1)
  fi
  printf "%-4s %10s %10s %12d %16s %16s\n" $w "$e" "$u" $((m / 1024)) "$i" "$c"
done
status=0
cmp -s "$DIR/stdout-old.txt" "$DIR/stdout-new.txt" || { echo "DIFF printed summary"; status=1; }
compare_outputs "$DIR/out-old" "$DIR/out-new" france || status=1
[ $status = 0 ] && echo "identical: $COMPARED files (and the printed summary)"
exit $status
