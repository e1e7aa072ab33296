#!/usr/bin/env bash
# Tests a built DEB the way a user gets it: installs it with apt (which pulls its dependencies), starts the
# installed app (--self-test, offscreen) and CLI (--version), validates the installed desktop file and AppStream
# metadata with the standard validators, lists the package's size and contents, and removes it again.
#   scripts/check-package.sh build/packages/tapescope_<version>_<arch>.deb
# Needs root or sudo; .ci/run calls it after `scripts/tapescope-dev.sh package`.
set -euo pipefail
deb="$(realpath "${1:?usage: $0 PACKAGE.deb}")"
app_id=io.github.tapescope.Tapescope
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

validators=()
command -v desktop-file-validate >/dev/null 2>&1 || validators+=(desktop-file-utils)
command -v appstreamcli >/dev/null 2>&1 || validators+=(appstream)
if ((${#validators[@]})); then
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${validators[@]}"
fi

if dpkg-query -W -f='${Status}' tapescope 2>/dev/null | grep -q "install ok installed"; then
  echo "check-package: tapescope is already installed; remove it first (apt-get remove tapescope)" >&2
  exit 1
fi
remove() { $sudo apt-get remove -y -qq tapescope >/dev/null || true; }
trap remove EXIT

echo "== package"
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Architecture|Installed-Size|Depends|Recommends):'
echo "size: $(stat -c %s "$deb") bytes"
echo "== install (apt, with dependencies)"
$sudo apt-get install -y -qq --no-install-recommends "$deb"
echo "== contents"
dpkg -L tapescope | while read -r path; do [[ -f "$path" ]] && printf '%10d  %s\n' "$(stat -c %s "$path")" "$path"; done
for binary in /usr/bin/tapescope /usr/bin/tapescope-cli; do
  if file "$binary" | grep -q 'not stripped'; then echo "check-package: $binary is not stripped" >&2; exit 1; fi
done

echo "== the installed CLI and app start"
/usr/bin/tapescope-cli --version
/usr/bin/tapescope --version
# A fresh HOME: no settings, so the app starts in demo mode, as on a new user's machine.
home="$(mktemp -d)"
HOME="$home" XDG_CONFIG_HOME="$home/.config" QT_QPA_PLATFORM=offscreen timeout 120 /usr/bin/tapescope --self-test
rm -rf "$home"

echo "== validators"
desktop-file-validate "/usr/share/applications/$app_id.desktop"
echo "desktop-file-validate: /usr/share/applications/$app_id.desktop is valid"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml"

echo "== remove"
trap - EXIT
$sudo apt-get remove -y -qq tapescope
for path in /usr/bin/tapescope /usr/bin/tapescope-cli "/usr/share/applications/$app_id.desktop"; do
  if [[ -e "$path" ]]; then echo "check-package: $path is still there after removal" >&2; exit 1; fi
done
echo "check-package: installed, started, validated and removed $(basename "$deb")"
