#!/usr/bin/env bash
# End-to-end tests in the real window: builds the app, starts Xvfb and tauri-driver (which starts
# WebKitWebDriver and the app for each test session), runs tests/e2e, then cleans up.
# Screenshots land in target/e2e-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# `cargo test` builds the app binary with the same features as the other tests, so nothing is
# compiled twice.
cargo test --test e2e --no-run
work=$(mktemp -d)
cleanup() {
  [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY="$display"
# The app reads its default language from the OS locale: start Chinese first.
export LANG=zh_CN.UTF-8 LC_ALL=
export TARGETLINE_E2E_DIALOG_FILE="$work/dialog-answer"
export NO_AT_BRIDGE=1
# Ports of our own, so runs side by side (a developer and CI on one machine) never meet.
port=$((4400 + RANDOM % 400))
native_port=$((port + 1000))
export TAURI_DRIVER_URL="http://127.0.0.1:$port"
tauri-driver --port "$port" --native-port "$native_port" >"$work/driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done

rm -rf target/e2e-screenshots
if ! cargo test --test e2e -- --ignored --test-threads=1 "$@"; then
  echo "--- tauri-driver log ---"; tail -n 50 "$work/driver.log"
  exit 1
fi
echo "Screenshots: target/e2e-screenshots/"
