#!/usr/bin/env bash
# Installs what is missing, then serves Careflow on http://127.0.0.1:8080 (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
# No auto-reload: Trunk injects it as an inline script, which the Content-Security-Policy blocks
# (a console error on every load, and it could not work anyway).
exec trunk serve --release --no-autoreload "$@"
