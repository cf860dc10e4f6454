#!/usr/bin/env bash
# Careflow's benchmarks (figures go in README.md "Performance"). Measures; asserts nothing about time.
#   native: SD run, DES single pool and BEN replication   (cargo bench)
#   wasm32: the same engines inside headless Chromium       (wasm-bindgen-test, release)
#   app:    slider-to-repaint latency and, where present, replications in web workers (e2e/bench-*.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(chromium --version 2>/dev/null || true)"
echo "=== native"
cargo bench -q -p careflow-model --bench sd
cargo bench -q -p careflow-model --bench des
echo "=== wasm32 in headless Chromium"
cargo test --release --target wasm32-unknown-unknown -p careflow --test wasm_bench -- --nocapture 2>&1 | grep "^wasm:"
echo "=== app (release build)"
trunk build --release >/dev/null
for b in e2e/bench-*.mjs; do
  [ -f "$b" ] && node "$b"
done
