#!/usr/bin/env bash
# The installer as a user meets it: installs the built .deb with apt (its dependencies too),
# checks what the package put on the system, then starts the INSTALLED app under Xvfb through
# WebDriver (tests/e2e/installed.rs). Usage: scripts/installed-smoke.sh DIR_WITH_THE_DEB
set -euo pipefail
cd "$(dirname "$0")/.."
deb_dir=${1:-target/debug/bundle/deb}
deb=$(ls -t "$deb_dir"/*.deb | head -n 1)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

echo "Installing $deb"
start=$(date +%s)
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "./$deb" >/dev/null
echo "Installed in $(( $(date +%s) - start ))s"

app=$(command -v targetline)
[ "$app" = /usr/bin/targetline ] || { echo "targetline is not on PATH after the install" >&2; exit 1; }
desktop=/usr/share/applications/Targetline.desktop
grep -q '^Exec=targetline %F$' "$desktop" || { echo "$desktop does not pass files to the app" >&2; exit 1; }
grep -q '^MimeType=application/x-targetline' "$desktop" || { echo "$desktop has no MimeType" >&2; exit 1; }
grep -q '\*.targetline' /usr/share/mime/packages/targetline.xml || { echo "no .targetline MIME type" >&2; exit 1; }
dpkg-query -W -f='${Status}\n' fonts-noto-cjk | grep -q "install ok installed"

TARGETLINE_APP="$app" ./scripts/e2e.sh installed_
