#!/usr/bin/env bash
# Installs code-server (VS Code 1.100 for the browser) offline into .vscode-test/code-server,
# from the npm registry alone: code-server's postinstall would download ripgrep
# from GitHub, so its steps are replayed here by hand with the Debian ripgrep.
# Idempotent: a stamp file records the installed version; a version change or a half-done
# install starts over. Usage: scripts/install-code-server.sh [--force]
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$ROOT/.vscode-test"
D="$BASE/code-server"
STAMP="$D/.installed-version"
BIN="$D/node_modules/.bin/code-server"

log() { echo "[install-code-server] $*"; }

mkdir -p "$BASE"
# Two suites starting at once must not install into the same folder together.
exec 9>"$BASE/code-server.lock"
flock 9

if [[ "${1:-}" != "--force" && -f "$STAMP" && "$(cat "$STAMP")" == "$VERSION" && -x "$BIN" ]]; then
  log "code-server $VERSION already installed ($D)"
  exit 0
fi

start=$SECONDS

# --- system packages, only those missing -------------------------------------------
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)   # kerberos native module
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)             # replaces @vscode/ripgrep's download
[[ -x /usr/bin/chromium ]] || missing+=(chromium)               # the browser the suites drive
command -v g++ >/dev/null 2>&1 || missing+=(g++)                # node-gyp rebuilds
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  # Wait for another apt-get holding the lock instead of failing.
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
else
  log "system packages present (libkrb5-dev, ripgrep, chromium, build tools)"
fi

# --- code-server itself ---------------------------------------------------------------
log "installing code-server $VERSION into $D (takes a few minutes)"
rm -rf "$D"
mkdir -p "$D"
cd "$D"
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
npm init -y >/dev/null
# --ignore-scripts: its postinstall would fetch ripgrep from GitHub; the steps below replace it.
npm install --save-exact "code-server@$VERSION" --ignore-scripts --loglevel=error

VS="$D/node_modules/code-server/lib/vscode"
cd "$VS"
log "installing VS Code's server dependencies (no scripts)"
npm install --omit=dev --ignore-scripts --loglevel=error
log "rebuilding native modules (kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid)"
npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid --loglevel=error
log "ripgrep from Debian ($(command -v rg))"
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
log "installing built-in extensions' dependencies"
(cd extensions && npm install --omit=dev --loglevel=error)
cd "$D"
log "rebuilding argon2"
npm rebuild argon2 --loglevel=error

# The harness passes --config this file, so code-server never writes ~/.config/code-server.
printf 'auth: none\n' >"$D/config.yaml"
# A smoke check: the binary runs and reports the pinned version.
got="$("$BIN" --config "$D/config.yaml" --version | head -n1)"
case "$got" in
  "$VERSION"*) ;;
  *) log "unexpected version output: $got"; exit 1 ;;
esac
echo "$VERSION" >"$STAMP"
log "code-server $got ready in $((SECONDS - start)) s"
