#!/usr/bin/env bash
# Fails if crates/model (or anything it depends on, normal or dev) pulls in a browser crate. The model
# must stay pure Rust so it runs natively, in the CLI and in the browser unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(yew|yew-agent|web-sys|gloo|gloo-.*|wasm-bindgen|wasm-bindgen-.*|js-sys|plotters|plotters-.*)$'
tree=$(cargo tree -p careflow-model --edges normal,dev --prefix none --format '{p}' --target all 2>/dev/null | awk '{print $1}' | sort -u)
bad=$(printf '%s\n' "$tree" | grep -E "$forbidden" || true)
if [ -n "$bad" ]; then
  echo "crates/model depends on browser crates:"; printf '  %s\n' $bad; exit 1
fi
echo "crates/model is free of browser crates ($(printf '%s\n' "$tree" | wc -l) crates checked)"
