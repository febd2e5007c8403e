# Sourced by the benchmark scripts: compare_outputs OLD_DIR NEW_DIR LABEL compares two results
# folders byte for byte (the manifest without its --out line), prints "DIFF LABEL: file" for
# each difference, sets COMPARED to the number of files compared and returns 1 when any
# file, or the list of files, differs.
compare_outputs() {
  local old=$1 new=$2 label=$3 f status=0
  COMPARED=0
  for f in $(cd "$old" && find . -type f | sort); do
    COMPARED=$((COMPARED + 1))
    case "$f" in
      *manifest*) diff <(grep -v -- '--out' "$old/$f") <(grep -v -- '--out' "$new/$f") >/dev/null ;;
      *) cmp -s "$old/$f" "$new/$f" ;;
    esac || { echo "DIFF $label: $f"; status=1; }
  done
  [ "$(cd "$old" && find . -type f | sort)" = "$(cd "$new" && find . -type f | sort)" ] ||
    { echo "DIFF $label: the lists of files"; status=1; }
  return $status
}
