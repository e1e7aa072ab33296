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
#                                                 (ctest labels, tests/CMakeLists.txt); CI runs it last
# Environment: BUILD_DIR (default build), BUILD_DIR_CLANG (default build-clang), BUILD_TYPE (default RelWithDebInfo),
#              BUILD_TYPE_CLANG (default none: -O0, no -g), TAPESCOPE_WERROR (ON in CI), TAPESCOPE_SKIP_DEPS=1 to skip
#              the package step.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-run}"
shift || true
build_dir="${BUILD_DIR:-$here/build}"
clang_build_dir="${BUILD_DIR_CLANG:-$here/build-clang}"
build_type="${BUILD_TYPE:-RelWithDebInfo}"

# Debian 12 / Ubuntu 22.04+ packages (Qt 6.4 or newer). qml6-module-qtqml is not needed to run the app (QtQml is built
# in) but carries the QtQml types' description (Connections, Timer, the Qt namespace) that qmllint reads.
debian_packages=(
  cmake ninja-build g++ pkg-config git
  qt6-base-dev qt6-websockets-dev qt6-declarative-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools
  qtkeychain-qt6-dev libsimdjson-dev libssl-dev libgl-dev libbenchmark-dev libzstd-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
  qml6-module-qtquick-templates qml6-module-qtqml-workerscript qml6-module-qtquick-dialogs
  qml6-module-qtcharts qml6-module-qttest qml6-module-qtqml qt6-qpa-plugins
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
      local missing=()
      for p in "${debian_packages[@]}"; do
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
