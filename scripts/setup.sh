#!/usr/bin/env bash
# Installs what Careflow needs and skips what is already present (idempotent; fast on a warm machine).
#   scripts/setup.sh          tools to build and serve the app: wasm32 target, Trunk, wasm-bindgen-cli
#   scripts/setup.sh --test   also Chromium + ChromeDriver (Debian) and the end-to-end npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

# Rust toolchain named in rust-toolchain.toml, with the wasm32 target, rustfmt and clippy.
if ! command -v rustup >/dev/null; then
  echo "setup: rustup is required (see README)" >&2; exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
    say "adding rustup component $c"; rustup component add "$c"
  fi
done

# Trunk, pinned.
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (takes ~6 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli at exactly the version in Cargo.lock (Trunk uses the one on PATH; it cannot download).
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
WB_VERSION=$(cargo pkgid -p wasm-bindgen 2>/dev/null | sed -E 's/.*[@#]([0-9][^ ]*)$/\1/')
if [ -z "$WB_VERSION" ]; then echo "setup: could not read the wasm-bindgen version from Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (matches Cargo.lock; ~2 minutes)"
  # Not --locked: the CLI's own lockfile pins a crate version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if [ "$want_test" = 1 ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ]; then
    say "installing end-to-end test packages (npm ci in e2e/)"
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
say "tools ready"
