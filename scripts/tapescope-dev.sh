#!/usr/bin/env bash
# One entry point for a fresh machine: installs what Tapescope needs, builds it, then runs the app or the tests.
#   scripts/tapescope-dev.sh run  [app args...]   build and launch the app (demo mode when no venue is configured)
#   scripts/tapescope-dev.sh test                 build and run the whole test suite (ctest)
#   scripts/tapescope-dev.sh build                only install and build
#   scripts/tapescope-dev.sh lint                 check the C++ formatting (.clang-format); fails on any finding
#   scripts/tapescope-dev.sh qmllint              build, then run qmllint over qml/ (.qmllint.ini); fails on any
#                                                 warning (CI runs it between the build and the tests: .ci/run)
#   scripts/tapescope-dev.sh package              build, then the packages for this platform into $BUILD_DIR/packages
#                                                 (Linux: DEB, RPM, TGZ; Windows: NSIS, ZIP; macOS: DMG)
#   scripts/tapescope-dev.sh clang                a second compiler: clang++ with warnings as errors, in its own
#                                                 build dir; builds and runs only the core, codec and platform tests
#                                                 (ctest labels, tests/CMakeLists.txt); CI runs it after the tests
#   scripts/tapescope-dev.sh fuzz [SECONDS]       the fuzz preset (clang, libFuzzer + ASan/UBSan, build-fuzz/):
#                                                 builds the fuzz/ targets, replays their regression inputs, then
#                                                 fuzzes each for SECONDS (default 20) from a corpus seeded from
#                                                 tests/data; fails on any crash (the input is saved in
#                                                 build-fuzz/artifacts/); CI runs it last with a short time
#   scripts/tapescope-dev.sh asan                 the asan preset (GCC, Debug, ASan + UBSan, build-asan/): builds
#                                                 everything and runs the whole suite; LeakSanitizer suppresses
#                                                 only Qt's own leaks (tests/sanitizers/lsan.supp)
# Environment: BUILD_DIR (default build), BUILD_DIR_CLANG (default build-clang), BUILD_TYPE (default RelWithDebInfo),
#              BUILD_TYPE_CLANG (default none: -O0, no -g), BUILD_DIR_FUZZ (default build-fuzz), BUILD_DIR_ASAN
#              (default build-asan), FUZZ_JOBS (targets fuzzed at once, default the core count), TAPESCOPE_WERROR (ON
#              in CI), TAPESCOPE_SKIP_DEPS=1 to skip the package step.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-run}"
shift || true
build_dir="${BUILD_DIR:-$here/build}"
clang_build_dir="${BUILD_DIR_CLANG:-$here/build-clang}"
fuzz_build_dir="${BUILD_DIR_FUZZ:-$here/build-fuzz}"
asan_build_dir="${BUILD_DIR_ASAN:-$here/build-asan}"
build_type="${BUILD_TYPE:-RelWithDebInfo}"

# Debian 12 / Ubuntu 22.04+ packages (Qt 6.4 or newer). qml6-module-qtqml is not needed to run the app (QtQml is built
# in) but carries the QtQml types' description (Connections, Timer, the Qt namespace) that qmllint reads; likewise
# qml6-module-qtqml-models describes QAbstractItemModel, the type of the chart mappers' `model` (without it qmllint
# warns "No type found for property model" on a fresh machine).
debian_packages=(
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-websockets-dev qt6-declarative-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools
  qtkeychain-qt6-dev libsimdjson-dev libssl-dev libgl-dev libbenchmark-dev libzstd-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-templates qml6-module-qtqml-workerscript qml6-module-qtquick-dialogs
  qml6-module-qtcharts qml6-module-qttest qml6-module-qtqml qml6-module-qtqml-models qt6-qpa-plugins
  clang-format qt6-declarative-dev-tools clang
)

# What `package` needs on top: dpkg-shlibdeps (DEB dependencies), rpmbuild (RPM), file (CPack's strip check).
debian_packaging_packages=(dpkg-dev rpm file)

install_deps() {
  if [[ "${TAPESCOPE_SKIP_DEPS:-0}" == 1 ]]; then return; fi
  if [[ "${1:-}" == package ]]; then debian_packages+=("${debian_packaging_packages[@]}"); fi
  case "$(uname -s)" in
    Linux)
      if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "Not a Debian/Ubuntu system: install Qt >= 6.4 (Base, WebSockets, Declarative, Charts, Tools), simdjson," \
             "QtKeychain, OpenSSL, CMake and Ninja yourself (see README), then rerun with TAPESCOPE_SKIP_DEPS=1." >&2
        return
      fi
      local missing=() wanted=("${debian_packages[@]}")
      # libFuzzer's runtime (-fsanitize=fuzzer) is in the clang runtime package of clang's own version; the fuzz
      # command needs it, and it is named after that version (libclang-rt-14-dev on Debian 12).
      if [[ "$mode" == fuzz ]] && command -v clang++ >/dev/null 2>&1; then
        wanted+=("libclang-rt-$(clang++ -dumpversion | cut -d. -f1)-dev")
      fi
      for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
      done
      if ((${#missing[@]})); then
        echo "Installing: ${missing[*]}"
        local sudo=""
        if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
      fi
      ;;
    Darwin)
      command -v brew >/dev/null 2>&1 || { echo "Install Homebrew first: https://brew.sh" >&2; exit 1; }
      brew list qt@6 >/dev/null 2>&1 || brew install qt@6 simdjson qtkeychain cmake ninja openssl@3
      export CMAKE_PREFIX_PATH="$(brew --prefix qt@6);$(brew --prefix)"
      ;;
    *)
      echo "On Windows use the commands in README.md (vcpkg + Qt online installer)." >&2
      ;;
  esac
}

jobs() {
  nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2
}

build() {
  local generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    cmake -S "$here" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type" \
      -DTAPESCOPE_WERROR="${TAPESCOPE_WERROR:-OFF}"
  fi
  cmake --build "$build_dir" --parallel "$(jobs)"
}

# The second compiler: clang++ with -Werror on the code that must stay portable (core, the venue codecs, the OS
# process statistics), and their tests. Only the test targets with those labels are built (and what they link),
# not the app: the whole tree is GCC's job in `build`.
clang_check() {
  local labels='core|codec|platform'
  local generator=() launcher=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [[ ! -f "$clang_build_dir/CMakeCache.txt" ]]; then
    # No build type: no optimization and no debug info, the cheapest compile for a check of warnings and tests
    # (clang's warnings do not depend on the optimization level); BUILD_TYPE_CLANG to choose another.
    cmake -S "$here" -B "$clang_build_dir" "${generator[@]}" "${launcher[@]}" \
      -DCMAKE_BUILD_TYPE="${BUILD_TYPE_CLANG:-}" -DCMAKE_CXX_COMPILER=clang++ -DTAPESCOPE_WERROR=ON
  else
    cmake "$clang_build_dir" >/dev/null # an existing directory learns the tests added since it was configured
  fi
  local targets
  mapfile -t targets < <(ctest --test-dir "$clang_build_dir" -N -L "$labels" | sed -n 's/^ *Test *#[0-9]*: *//p')
  if ((${#targets[@]} == 0)); then
    echo "clang: no tests labelled $labels in $clang_build_dir" >&2
    return 1
  fi
  cmake --build "$clang_build_dir" --parallel "$(jobs)" --target "${targets[@]}"
  ctest --test-dir "$clang_build_dir" -L "$labels" --output-on-failure --timeout 300
}

# The fuzz targets (fuzz/, fuzz/README.md) under libFuzzer with ASan and UBSan: the fuzz preset's build (only the
# targets and the core and codec libraries they link), their regression inputs replayed once (ctest -L fuzz), then
# each target fuzzed for $1 seconds (default 20), FUZZ_JOBS at a time, from build-fuzz/corpus/<target> (seeded from
# the fixtures by fuzz/make-corpus.sh; it keeps growing from run to run). Any crash, leak, sanitizer report or broken
# invariant fails, with the input saved in build-fuzz/artifacts/ and the log in build-fuzz/logs/.
fuzz_check() {
  local seconds="${1:-20}" launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # The preset keeps line tables only (-gline-tables-only, for the sanitizers' stacks); with these ccache shares the
  # objects between clones (CI's clean clone, a developer's tree), which only differ in their directory.
  export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
  if [[ ! -f "$fuzz_build_dir/CMakeCache.txt" ]]; then
    (cd "$here" && cmake --preset fuzz -B "$fuzz_build_dir" "${launcher[@]}")
  fi
  cmake --build "$fuzz_build_dir" --parallel "$(jobs)" --target tapescope_fuzzers
  ctest --test-dir "$fuzz_build_dir" -L fuzz --output-on-failure --timeout 300
  "$here/fuzz/make-corpus.sh" "$fuzz_build_dir/corpus"
  mkdir -p "$fuzz_build_dir/artifacts" "$fuzz_build_dir/logs"
  local targets
  mapfile -t targets < <(find "$fuzz_build_dir/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x -printf '%f\n' | sort)
  if ((${#targets[@]} == 0)); then
    echo "fuzz: no targets in $fuzz_build_dir/fuzz" >&2
    return 1
  fi
  local parallel="${FUZZ_JOBS:-$(jobs)}" failed=() pids=() names=() i
  run_one() {
    local target="$1" log="$fuzz_build_dir/logs/$1.log"
    mkdir -p "$fuzz_build_dir/corpus/$target"
    "$fuzz_build_dir/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$fuzz_build_dir/artifacts/$target-" "$fuzz_build_dir/corpus/$target" >"$log" 2>&1
  }
  for target in "${targets[@]}"; do
    run_one "$target" &
    pids+=($!)
    names+=("$target")
    if ((${#pids[@]} >= parallel)); then
      wait "${pids[0]}" || failed+=("${names[0]}")
      pids=("${pids[@]:1}")
      names=("${names[@]:1}")
    fi
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed+=("${names[$i]}")
  done
  for target in "${targets[@]}"; do
    echo "fuzz: $target: $(grep -E '^#[0-9]+' "$fuzz_build_dir/logs/$target.log" | tail -1)"
  done
  if ((${#failed[@]})); then
    for target in "${failed[@]}"; do
      echo "fuzz: $target FAILED (log: $fuzz_build_dir/logs/$target.log):" >&2
      grep -E 'ERROR|runtime error|invariant|SUMMARY|Test unit written' "$fuzz_build_dir/logs/$target.log" >&2 || true
    done
    return 1
  fi
  echo "fuzz: ${#targets[@]} targets, ${seconds} s each, no crash"
}

# The sanitizer suite: the asan preset (GCC, Debug, -fsanitize=address,undefined, no recovery), the whole tree, the
# whole ctest. tests/CMakeLists.txt puts LSAN_OPTIONS (tests/sanitizers/lsan.supp), ASAN_OPTIONS and UBSAN_OPTIONS in
# every test's environment.
asan_check() {
  local launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [[ ! -f "$asan_build_dir/CMakeCache.txt" ]]; then
    (cd "$here" && cmake --preset asan -B "$asan_build_dir" "${launcher[@]}" \
      -DTAPESCOPE_WERROR="${TAPESCOPE_WERROR:-ON}")
  fi
  cmake --build "$asan_build_dir" --parallel "$(jobs)"
  ctest --test-dir "$asan_build_dir" --output-on-failure --timeout 600
}

# The formatting check .ci/run makes: every tracked C++ file as .clang-format says.
check_format() {
  local files
  mapfile -t files < <(git -C "$here" ls-files '*.cpp' '*.h')
  (cd "$here" && clang-format --dry-run --Werror "${files[@]}")
  echo "clang-format: ${#files[@]} files clean"
}

# qmllint over the UI module against the built import paths (the all_qmllint target); any warning fails, and so
# does a target that fails without one (qmllint missing, a module that does not load).
check_qml() {
  local log="$build_dir/qmllint.log" status=0
  cmake --build "$build_dir" --target all_qmllint >"$log" 2>&1 || status=$?
  local warnings
  warnings=$(grep -c '^Warning' "$log" || true)
  if ((warnings)); then
    grep -A2 '^Warning' "$log" >&2
    echo "qmllint: $warnings warnings in qml/ (settings: .qmllint.ini; whole output: $log)" >&2
    return 1
  fi
  if ((status)); then
    cat "$log" >&2
    echo "qmllint: the all_qmllint target failed (qmllint comes with qt6-declarative-dev-tools)" >&2
    return 1
  fi
  echo "qmllint: no warnings"
}

if [[ "$mode" == lint ]]; then
  install_deps
  check_format
  exit 0
fi
# The platform's packages from the build (stripped binaries; see packaging/Packaging.cmake).
make_packages() {
  local out="$build_dir/packages"
  rm -rf "$out"
  (cd "$build_dir" && cpack -B "$out")
  rm -rf "$out/_CPack_Packages"
  ls -l "$out"
}

if [[ "$mode" == clang ]]; then
  install_deps
  clang_check
  exit 0
fi
if [[ "$mode" == asan ]]; then
  install_deps
  asan_check
  exit 0
fi
if [[ "$mode" == fuzz ]]; then
  install_deps
  fuzz_check "$@"
  exit 0
fi
install_deps "$mode"
build
case "$mode" in
  build) ;;
  package) make_packages ;;
  qmllint) check_qml ;;
  run) exec "$build_dir/src/app/tapescope" "$@" ;;
  test) ctest --test-dir "$build_dir" --output-on-failure --timeout 300 "$@" ;;
  *) echo "usage: $0 run|test|build|lint|qmllint|package|clang" >&2; exit 1 ;;
esac
