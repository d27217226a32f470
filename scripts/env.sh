# shellcheck shell=bash
# Environment for build and test scripts.  Source it (do not execute it):
#
#     source "$(dirname "${BASH_SOURCE[0]}")/env.sh"      # from a script in scripts/
#
# Safe under `set -euo pipefail`; changes nothing on disk.  Run scripts/setup.sh first.
#
# One Rust toolchain: rustup's stable, with the wasm32-unknown-unknown target that
# setup.sh adds.  Run wasm work through `wasm_env`, which puts binaryen 132's wasm-opt
# (node_modules/.bin) first on PATH for wasm-pack:
#
#     wasm_env wasm-pack build --release --target web
#     wasm_env wasm-pack test --headless --chrome
#     wasm_env wasm-pack test --node
#     wasm_env cargo build --release --target wasm32-unknown-unknown
#
# Exported: PATH (with $CARGO_HOME/bin), CARGO_HOME, WASM_PATH, WASM_TOOLS_DIR, WASM_OPT,
# CHROMEDRIVER, CHROME_BIN, WASM_BINDGEN_TEST_TIMEOUT, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD,
# PUPPETEER_SKIP_DOWNLOAD, BUILD_LOCK.
# Functions: wasm_env, with_build_lock.

export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
case ":${PATH:-}:" in
  *":$CARGO_HOME/bin:"*) ;;
  *) PATH="$CARGO_HOME/bin${PATH:+:$PATH}" ;;
esac
export PATH

# wasm-opt: binaryen 132 from npm (setup.sh installs it).  Debian's /usr/bin/wasm-opt
# (binaryen 108) silently re-points wasm-bindgen's exported externref table at the funcref
# table, so the optimised module throws in __wbindgen_init_externref_table.  wasm-pack runs
# the first `wasm-opt` on PATH, so WASM_PATH puts this one first.
# binaryen 132 (wasm-opt) is a dev dependency of the repository root package.json.
export WASM_TOOLS_DIR="${WASM_TOOLS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export WASM_OPT="$WASM_TOOLS_DIR/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ]; then
  echo "env.sh: warning: $WASM_OPT missing (wasm-pack would use a broken wasm-opt); run scripts/setup.sh" >&2
fi

export WASM_PATH="$WASM_TOOLS_DIR/node_modules/.bin:$PATH"

# Run a command for wasm32 work: `wasm_env wasm-pack build --release --target web`.
# Runs in a subshell, so it works for functions too and leaves the caller's env alone.
wasm_env() {
  (
    export PATH="$WASM_PATH"
    "$@"
  )
}

# Run a command (or function) holding the machine-wide build lock, one cargo build at a time:
#     with_build_lock wasm_env wasm-pack build --release --target web
# Nested calls do not deadlock (BUILD_LOCK_HELD=1 inside).
export BUILD_LOCK="${BUILD_LOCK:-/tmp/build.lock}"
with_build_lock() {
  if [ "${BUILD_LOCK_HELD:-0}" = 1 ]; then
    "$@"
  else
    (
      flock 9
      export BUILD_LOCK_HELD=1
      "$@"
    ) 9>>"$BUILD_LOCK"
  fi
}

# Browser and test-runner settings (Chromium and chromedriver come from apt; nothing is downloaded).
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD=1
