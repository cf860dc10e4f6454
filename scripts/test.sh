#!/usr/bin/env bash
# Careflow's whole test suite, in order; installs what is missing first. Ends with a pass/fail
# summary and exits non-zero if any step failed. Native-only fast loop: cargo test --workspace
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

bash scripts/setup.sh --test || { echo "test: setup failed" >&2; exit 1; }

export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=180

names=(); results=(); times=()
step() {
  local name="$1"; shift
  echo; echo "=== $name: $*"
  local t0=$SECONDS
  if "$@"; then results+=(pass); else results+=(FAIL); fi
  names+=("$name"); times+=($((SECONDS - t0)))
}

step "format"              cargo fmt --all --check
step "clippy (native)"     cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)"     cargo clippy --target wasm32-unknown-unknown -p careflow -p careflow-model -p careflow-charts --all-targets --locked -- -D warnings
step "model stays pure"    bash scripts/check-model-deps.sh
step "native tests"        cargo test --workspace --locked
step "native digests"      bash -c 'mkdir -p target && cargo run -q --locked -p careflow --example digest | tee target/native-digest.txt'
step "browser tests (wasm)" bash -c 'CAREFLOW_NATIVE_DIGEST="$(cat target/native-digest.txt)" cargo test --locked --target wasm32-unknown-unknown -p careflow --test web --test workers'
step "release build"       trunk build --release --locked
step "end-to-end"          bash -c 'cd e2e && node --test --test-concurrency=1'

echo
echo "=== Summary"
passed=0; failed=0
for i in "${!names[@]}"; do
  printf '  %-22s %-5s %4ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
  if [ "${results[$i]}" = pass ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "steps: $passed passed, $failed failed"
if [ "$failed" -gt 0 ]; then echo "RESULT: FAIL"; exit 1; fi
echo "RESULT: PASS (screenshots in target/e2e/)"
