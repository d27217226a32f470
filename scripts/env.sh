# shellcheck shell=bash
# Environment for build and test scripts.  Source it (do not execute it):
#
#     source "$(dirname "${BASH_SOURCE[0]}")/env.sh"      # from a script in scripts/
#
# Safe under `set -euo pipefail`; changes nothing on disk.  Run scripts/setup.sh first.
#
# Two Rust toolchains may be in play on this machine:
#   * native work (cargo test, cargo clippy, cargo fmt, mock-server) uses the rustup
#     toolchain: `cargo`/`rustc` on PATH are left exactly as they were;
#   * wasm32 work uses $WASM_CARGO / $WASM_RUSTC.  When the rustup toolchain has no
#     wasm32 std (WASM_TOOLCHAIN=debian) that is Debian's /usr/bin/cargo + /usr/bin/rustc
#     (1.96, with the wasm32 std that setup.sh built).  wasm-pack runs `cargo` and `rustc`
#     from PATH, so run wasm work through `wasm_env`, which puts /usr/bin first while keeping
#     $CARGO_HOME/bin (wasm-pack, wasm-bindgen, wasm-bindgen-test-runner) reachable:
#
#     wasm_env wasm-pack build --release --target web
#     wasm_env wasm-pack test --headless --chrome
#     wasm_env wasm-pack test --node
#     wasm_env cargo build --release --target wasm32-unknown-unknown
#
# Never run wasm-pack outside wasm_env here: with the rustup rustc first on PATH it finds
# no wasm32 std and runs `rustup target add`, which hangs on this network.
#
# Exported: PATH (with $CARGO_HOME/bin), CARGO_HOME, WASM_TOOLCHAIN (rustup|debian),
# WASM_CARGO, WASM_RUSTC, WASM_PATH, WASM_TOOLS_DIR, WASM_OPT, CHROMEDRIVER, CHROME_BIN, WASM_BINDGEN_TEST_TIMEOUT,
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD, PUPPETEER_SKIP_DOWNLOAD, BUILD_LOCK.
# Functions: wasm_env, with_build_lock.

export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
case ":${PATH:-}:" in
  *":$CARGO_HOME/bin:"*) ;;
  *) PATH="$CARGO_HOME/bin${PATH:+:$PATH}" ;;
esac
export PATH

# Which toolchain builds wasm32?  Honour an explicit WASM_TOOLCHAIN=rustup|debian.
if [ -z "${WASM_TOOLCHAIN:-}" ]; then
  WASM_TOOLCHAIN=debian
  _env_rustc="$(command -v rustc 2>/dev/null || true)"
  if [ -n "$_env_rustc" ] && [ "$_env_rustc" != /usr/bin/rustc ]; then
    _env_libdir="$("$_env_rustc" --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)"
    if [ -n "$_env_libdir" ] && compgen -G "$_env_libdir/libstd-*.rlib" >/dev/null; then
      WASM_TOOLCHAIN=rustup
    fi
  fi
  unset _env_rustc _env_libdir
fi
export WASM_TOOLCHAIN

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

if [ "$WASM_TOOLCHAIN" = debian ]; then
  export WASM_CARGO=/usr/bin/cargo
  export WASM_RUSTC=/usr/bin/rustc
  export WASM_PATH="$WASM_TOOLS_DIR/node_modules/.bin:/usr/bin:$CARGO_HOME/bin:$PATH"
  if ! compgen -G "/usr/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib" >/dev/null; then
    echo "env.sh: warning: no wasm32 std for /usr/bin/rustc; run scripts/setup.sh" >&2
  fi
else
  WASM_CARGO="$(command -v cargo 2>/dev/null || echo cargo)"
  WASM_RUSTC="$(command -v rustc 2>/dev/null || echo rustc)"
  export WASM_CARGO WASM_RUSTC
  export WASM_PATH="$WASM_TOOLS_DIR/node_modules/.bin:$PATH"
fi

# Run a command with the wasm32 toolchain: `wasm_env wasm-pack build --release --target web`.
# Runs in a subshell, so it works for functions too and leaves the caller's env alone.
wasm_env() {
  (
    export PATH="$WASM_PATH"
    if [ "$WASM_TOOLCHAIN" = debian ]; then
      unset RUSTUP_TOOLCHAIN RUSTC_WRAPPER
      export CARGO="$WASM_CARGO" RUSTC="$WASM_RUSTC" RUSTDOC=/usr/bin/rustdoc
    fi
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
