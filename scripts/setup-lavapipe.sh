#!/usr/bin/env bash
# Installs Mesa's software Vulkan driver (lavapipe) into .lavapipe/, so that the WebGPU
# tests run on machines without a GPU (CI). Debian 12's own Mesa 22.3 lacks features Dawn
# requires, so Mesa comes from bookworm-backports, fetched with a private apt configuration:
# the system's sources and installed packages stay as they are. apt resolves the
# dependencies against what is installed and fetches only the missing or too old ones.
#
# Idempotent: once done, a run only checks. Afterwards, in the shell that runs the tests:
#   . .lavapipe/env.sh        # exports VK_ICD_FILENAMES and LD_LIBRARY_PATH
set -euo pipefail
cd "$(dirname "$0")/.."
DEST="$PWD/.lavapipe"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

fail() {
  echo "setup-lavapipe: $*" >&2
  exit 1
}

if [ -f "$DEST/env.sh" ] && grep -qF "$DEST/" "$DEST/env.sh"; then
  echo "lavapipe: ready in .lavapipe ($(cat "$DEST/version"))"
  exit 0
fi

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || fail "needs apt-get and dpkg-deb (a Debian machine)"
[ -f "$KEYRING" ] || fail "needs Debian's archive keyring ($KEYRING, package debian-archive-keyring)"

rm -rf "$DEST"
APT_DIR="$DEST/apt"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/sources.list.d"
# Self-ignoring, as .pytest_cache is: nothing of it belongs in git.
echo '*' >"$DEST/.gitignore"
for suite in bookworm bookworm-updates bookworm-backports; do
  echo "deb [signed-by=$KEYRING] http://deb.debian.org/debian $suite main"
done >"$APT_DIR/sources.list"
echo "deb [signed-by=$KEYRING] http://deb.debian.org/debian-security bookworm-security main" >>"$APT_DIR/sources.list"

apt_private() {
  apt-get -q -o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts="$APT_DIR/sources.list.d" \
    -o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" \
    -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)" "$@"
}

echo "lavapipe: fetching Mesa's Vulkan drivers from bookworm-backports into .lavapipe"
apt_private --error-on=any update >"$APT_DIR/update.log" 2>&1 ||
  fail "cannot read the package lists from deb.debian.org (no network?):
$(tail -5 "$APT_DIR/update.log")"
apt_private install --download-only --no-install-recommends -y mesa-vulkan-drivers/bookworm-backports libvulkan1 \
  >"$APT_DIR/download.log" 2>&1 || fail "cannot download the packages:
$(tail -5 "$APT_DIR/download.log")"

for deb in "$APT_DIR"/cache/archives/*.deb; do dpkg-deb -x "$deb" "$DEST/root"; done
ICD_LIB=$(find "$DEST/root" -name libvulkan_lvp.so | head -n 1)
[ -n "$ICD_LIB" ] || fail "mesa-vulkan-drivers has no libvulkan_lvp.so"
LIB_DIR=$(dirname "$ICD_LIB")
if missing=$(LD_LIBRARY_PATH="$LIB_DIR" ldd "$ICD_LIB" | grep 'not found'); then
  fail "lavapipe needs libraries this machine lacks:
$missing"
fi

# The ICD file names the driver by a bare file name; point it at the copy here.
sed "s|\"library_path\": *\"[^\"]*\"|\"library_path\": \"$ICD_LIB\"|" \
  "$DEST/root/usr/share/vulkan/icd.d/lvp_icd.json" >"$DEST/lvp_icd.json"
cat >"$DEST/env.sh" <<EOF
# Written by scripts/setup-lavapipe.sh: Vulkan (and so WebGPU) on Mesa's software driver.
export VK_ICD_FILENAMES="$DEST/lvp_icd.json"
export LD_LIBRARY_PATH="$LIB_DIR\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
EOF
dpkg-deb -f "$(ls "$APT_DIR"/cache/archives/mesa-vulkan-drivers_*.deb)" Version >"$DEST/version"
rm -rf "$APT_DIR"
echo "lavapipe: Mesa $(cat "$DEST/version") ready; \`. .lavapipe/env.sh\` selects it"
