#!/usr/bin/env bash
# Maillage set-up in one command each (see README.md):
#   ./build.sh example   install what is missing, build, run the example scenario
#   ./build.sh test      install what is missing, build, run every test and print the counts
#   ./build.sh sanitize  the same C++ tests built with AddressSanitizer and UBSan (build-sanitize)
#   ./build.sh fuzz [yaml|csv] [SECONDS]   fuzz the loader with libFuzzer (tests/fuzz/README.md)
# Safe to run again: it installs only missing Debian packages and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ make cmake pkg-config libsimgrid-dev libboost-graph-dev libyaml-cpp-dev libglpk-dev catch2 libosmium2-dev
          libgdal-dev pybind11-dev python3-dev python3-numpy python3-pandas python3-pytest python3-distributed python3-tqdm
          python3-matplotlib python3-xarray python3-pyproj)
TEST_PACKAGES=(chromium gdal-bin python3-geopandas python3-jsonschema)  # for ./build.sh test only
FUZZ_PACKAGES=(clang-14 libfuzzer-14-dev)  # for ./build.sh fuzz only
PYTHON=/usr/bin/python3  # Debian's, which has the packages above
BUILD_DIR=${MAILLAGE_BUILD_DIR:-build}
JOBS=$(nproc 2>/dev/null || echo 2)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing from Debian's packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE="$PYTHON" >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS"
  link_python_package
}

# Makes `import maillage` work for Debian's python3 without setting paths: a .pth file in
# its site folder (the system one as root, the user's otherwise) names build/python.
link_python_package() {
  local site
  if [ "$(id -u)" -eq 0 ]; then
    site=$("$PYTHON" -c 'import site; print([p for p in site.getsitepackages() if p.startswith("/usr/local")][0])')
  else
    site=$("$PYTHON" -m site --user-site)
  fi
  mkdir -p "$site"
  echo "$(cd "$BUILD_DIR" && pwd)/python" > "$site/maillage.pth"
}

# The C++ tests under AddressSanitizer and UBSan: any report fails its test (CMakeLists.txt
# sets ASAN_OPTIONS and UBSAN_OPTIONS for ctest). Python is left out: Debian's python3 cannot
# load a module built with ASan.
sanitize() {
  local dir=build-sanitize
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DMAILLAGE_SANITIZE=ON >/dev/null
  cmake --build "$dir" -j "$JOBS"
  (cd "$dir" && ctest --output-on-failure -j "$JOBS")
}

run_tests() {
  local log="$BUILD_DIR/ctest.log" pylog="$BUILD_DIR/pytest.log" rc=0 pyrc=0
  (cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS") | tee "$log" || rc=$?
  local total failed
  total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -1)
  failed=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' "$log" | tail -1)
  total=${total:-0}
  failed=${failed:-$total}
  "$PYTHON" -m pytest tests/python -q -p no:cacheprovider 2>&1 | tee "$pylog" || pyrc=$?
  local pypassed pyfailed
  # (grep finds nothing when nothing failed: not an error under pipefail)
  pypassed=$({ grep -Eo '[0-9]+ passed' "$pylog" || true; } | tail -1 | cut -d' ' -f1)
  pyfailed=$({ grep -Eo '[0-9]+ (failed|error)' "$pylog" || true; } | awk '{s+=$1} END {print s+0}')
  pypassed=${pypassed:-0}
  [ "$pyrc" -eq 0 ] || [ "$pyfailed" -gt 0 ] || pyfailed=1  # pytest failed without a count
  echo
  echo "C++ tests: $((total - failed)) passed, $failed failed"
  echo "Python tests: $pypassed passed, $pyfailed failed"
  echo "$((total - failed + pypassed)) passed, $((failed + pyfailed)) failed"
  [ "$rc" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$total" -gt 0 ] && [ "$pyrc" -eq 0 ]
}

case "${1:-}" in
  example)
    install_missing
    build
    "$BUILD_DIR/maillage" run scenarios/loir-et-cher.yaml --out out/loir-et-cher
    ;;
  test)
    install_missing "${TEST_PACKAGES[@]}"
    build
    run_tests
    ;;
  sanitize)
    install_missing
    sanitize
    ;;
  fuzz)
    install_missing "${FUZZ_PACKAGES[@]}"
    shift
    tests/fuzz/run.sh "$@"
    ;;
  *)
    echo "usage: ./build.sh example | test | sanitize | fuzz [yaml|csv] [SECONDS]" >&2
    exit 2
    ;;
esac
