#!/usr/bin/env bash
# Prepare this machine to build and test the crate for wasm32 (wasm-pack,
# headless Chromium, Node).  Idempotent: a second run only checks and takes
# a few seconds.  Runnable from any directory, non-interactive (CI=true, no stdin).
#
# Steps
#   1. apt packages      Debian packages (Chromium, chromedriver)
#   2. wasm32 target     the stable rustup toolchain's wasm32-unknown-unknown standard library
#                        (`rustup target add`); its rustc links wasm with its own rust-lld
#   3. wasm-bindgen-cli  exactly the wasm-bindgen version in Cargo.lock; wasm-pack
#   4. node packages     npm ci in the repo root (build tools: esbuild, binaryen 132 for wasm-opt,
#                        typescript, Biome, playwright-core, attw, publint) and in tests/e2e, bench,
#                        tests/packaging/* when stale. Debian's binaryen 108 is not used: it
#                        corrupts wasm-bindgen output (re-points the exported externref table
#                        at the funcref table; fixed upstream in binaryen 110).
#
# Environment knobs (all optional)
#   WASM_BINDGEN_VERSION=x.y.z     wasm-bindgen-cli version when Cargo.lock has none
#   BUILD_LOCK=/tmp/build.lock     lock file serialising cargo builds on this machine; setup takes
#                                  it itself around each cargo build (BUILD_LOCK_HELD=1: caller holds it)
#   SETUP_SKIP_NODE=1              skip step 4
#
# After it succeeds, build/test scripts do:  source "$(dirname "$0")/env.sh"
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_LOCK="${BUILD_LOCK:-/tmp/build.lock}"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
case ":$PATH:" in *":$CARGO_HOME/bin:"*) ;; *) PATH="$CARGO_HOME/bin:$PATH" ;; esac
export PATH
export DEBIAN_FRONTEND=noninteractive
# Never let npm packages fetch browsers: Chromium comes from apt.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1

DEB_PKGS=(chromium chromium-driver)

STEP="start"
HINT=""
START_TS=$SECONDS

say() { printf 'setup: %s\n' "$*"; }
ok() { say "$STEP: ok${1:+ ($1)}"; }
installing() { say "$STEP: installing…${1:+ ($1)}"; }
fail() { # fail "what failed" "what to do"
  say "$STEP: FAILED: $1" >&2
  [ -n "${2:-}" ] && say "$STEP: to fix: $2" >&2
  trap - ERR
  exit 1
}
on_err() {
  local rc=$? cmd=$BASH_COMMAND
  trap - ERR
  # Subshells inherit the trap (set -E); report once, from the main shell.
  [ "$BASH_SUBSHELL" -eq 0 ] || exit "$rc"
  say "$STEP: FAILED (exit $rc) running: $cmd" >&2
  [ -n "$HINT" ] && say "$STEP: to fix: $HINT" >&2
  exit "$rc"
}
trap on_err ERR

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command or function holding the machine-wide build lock (one cargo build at a
# time).  BUILD_LOCK_HELD=1 means a caller already holds it (taking it again would
# deadlock).  Exit status 75: timed out waiting for the lock.
with_build_lock() {
  if [ "${BUILD_LOCK_HELD:-0}" = 1 ]; then
    "$@"
    return
  fi
  (
    if ! flock -n 9; then
      say "$STEP: waiting for $BUILD_LOCK (another build is running)…"
      flock -w "${BUILD_LOCK_TIMEOUT:-3600}" 9 || exit 75
    fi
    export BUILD_LOCK_HELD=1
    "$@"
  ) 9>>"$BUILD_LOCK"
}
lock_timeout_fail() {
  fail "timed out after ${BUILD_LOCK_TIMEOUT:-3600}s waiting for $BUILD_LOCK" \
    "see which build holds it (fuser -v $BUILD_LOCK); if this script was started under that lock, rerun it with BUILD_LOCK_HELD=1"
}

# The cargo used to install host tools: the rustup one.
host_cargo() {
  command -v cargo
}

# Does the default (rustup) toolchain already have the wasm32 std?
rustup_has_wasm32() {
  local installed
  installed="$(cd "$ROOT" && timeout 60 rustup target list --installed 2>/dev/null)" || return 1
  grep -qx 'wasm32-unknown-unknown' <<<"$installed"
}

# ---------------------------------------------------------------- 1. apt packages
STEP="apt packages"
HINT="as root: apt-get update && apt-get install -y <the packages above>; check network access to the Debian mirror"
pkgs=("${DEB_PKGS[@]}")
if ! command -v dpkg-query >/dev/null 2>&1; then
  say "$STEP: skipped (no dpkg on this system; install the equivalents of: ${pkgs[*]})"
else
  missing=()
  for p in "${pkgs[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)" = "ii " ] || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    ok "already present: ${pkgs[*]}"
  else
    is_root || fail "missing Debian packages: ${missing[*]}" "run this script as root (or: sudo apt-get install -y ${missing[*]}), then rerun it"
    installing "${missing[*]}"
    apt-get update -q
    apt-get install -y -q "${missing[@]}" </dev/null
    ok "installed: ${missing[*]}"
  fi
fi

# ---------------------------------------------------------------- 2. wasm32 target
# The stable toolchain's own wasm32 standard library, as rustup ships it: no
# standard library is built here, and nothing needs unstable options.
STEP="wasm32 target"
HINT="check network access to static.rust-lang.org, then rerun (or run: rustup target add wasm32-unknown-unknown)"
command -v rustup >/dev/null 2>&1 || fail "rustup not found" "install Rust with rustup (https://rustup.rs), then rerun"
if rustup_has_wasm32; then
  ok "already present: rustup target wasm32-unknown-unknown ($(rustc --version))"
else
  installing "rustup target wasm32-unknown-unknown for $(rustc --version)"
  # A stalled download is retried once rather than waited on for ever.
  (cd "$ROOT" && { timeout 600 rustup target add wasm32-unknown-unknown </dev/null || timeout 600 rustup target add wasm32-unknown-unknown </dev/null; }) ||
    fail "rustup target add wasm32-unknown-unknown failed" "$HINT"
  rustup_has_wasm32 || fail "rustup does not list wasm32-unknown-unknown after installing it" "$HINT"
  ok "installed"
fi

# ---------------------------------------------------------------- 3. wasm-bindgen-cli + wasm-pack
# cargo install --locked, falling back to an unlocked resolve when the registry
# index lacks a version pinned in the tool's own Cargo.lock (seen here with
# wasm-bindgen-cli 0.2.130: webpki-roots 1.0.11 not in the index).
cargo_install() { # cargo_install <crate> [args...]
  local cargo crate=$1
  shift
  cargo="$(host_cargo)" || fail "no cargo found" "install Rust with rustup, then rerun"
  local rc=0
  if with_build_lock "$cargo" install --locked "$crate" "$@" </dev/null; then
    return 0
  else
    rc=$?
  fi
  [ "$rc" = 75 ] && lock_timeout_fail
  say "$STEP: 'cargo install --locked $crate $*' failed; retrying without --locked (dependencies resolved from the current index)"
  rc=0
  with_build_lock "$cargo" install "$crate" "$@" </dev/null || rc=$?
  [ "$rc" = 75 ] && lock_timeout_fail
  return "$rc"
}

STEP="wasm-bindgen-cli"
HINT="check network access to crates.io; or run: flock $BUILD_LOCK cargo install --locked wasm-bindgen-cli --version <version>"
wbg_version=""
wbg_source=""
if [ -f "$ROOT/Cargo.lock" ]; then
  wbg_version="$(awk '
    /^\[\[package\]\]/ { inpkg = 0 }
    /^name = "wasm-bindgen"$/ { inpkg = 1; next }
    inpkg && /^version = / { gsub(/^version = "|"$/, ""); print; exit }
  ' "$ROOT/Cargo.lock")"
  [ -n "$wbg_version" ] && wbg_source="Cargo.lock"
fi
if [ -z "$wbg_version" ] && [ -f "$ROOT/Cargo.toml" ]; then
  # No lock entry yet: accept an exact pin (wasm-bindgen = "=x.y.z") in Cargo.toml.
  wbg_version="$(sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=([0-9]+\.[0-9]+\.[0-9]+)".*/\2/p' "$ROOT/Cargo.toml" | head -n1)"
  [ -n "$wbg_version" ] && wbg_source="exact pin in Cargo.toml"
fi
if [ -z "$wbg_version" ] && [ -n "${WASM_BINDGEN_VERSION:-}" ]; then
  wbg_version="$WASM_BINDGEN_VERSION"
  wbg_source="WASM_BINDGEN_VERSION"
fi
if [ -z "$wbg_version" ]; then
  say "$STEP: skipped (no wasm-bindgen in Cargo.lock yet; build the crate once or set WASM_BINDGEN_VERSION=x.y.z, then rerun setup)"
else
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" = "$wbg_version" ]; then
    ok "already present: wasm-bindgen $have ($wbg_source)"
  else
    installing "wasm-bindgen-cli $wbg_version from $wbg_source${have:+, replacing $have} (a few minutes)"
    cargo_install wasm-bindgen-cli --version "$wbg_version" --force
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    [ "$have" = "$wbg_version" ] || fail "wasm-bindgen --version prints '${have:-nothing}', wanted $wbg_version" "make sure $CARGO_HOME/bin is on PATH and comes before any other wasm-bindgen"
    ok "installed wasm-bindgen $have"
  fi
fi

STEP="wasm-pack"
HINT="check network access to crates.io; or run: flock $BUILD_LOCK cargo install --locked wasm-pack"
if command -v wasm-pack >/dev/null 2>&1; then
  ok "already present: $(wasm-pack --version)"
else
  installing "wasm-pack (a few minutes)"
  cargo_install wasm-pack
  ok "installed $(wasm-pack --version)"
fi

# ---------------------------------------------------------------- 4. node packages
STEP="node packages"
HINT="check network access to the npm registry; then rerun (or run npm ci --no-audit --no-fund in that directory)"
if [ "${SETUP_SKIP_NODE:-0}" = 1 ]; then
  say "$STEP: skipped (SETUP_SKIP_NODE=1)"
else
  dirs=()
  for d in "$ROOT" "$ROOT/tests/js" "$ROOT/tests/e2e" "$ROOT/bench" "$ROOT"/tests/packaging/*/; do
    d="${d%/}"
    [ -f "$d/package.json" ] && [ -f "$d/package-lock.json" ] && dirs+=("$d")
  done
  if [ ${#dirs[@]} -eq 0 ]; then
    ok "nothing to install (no package.json + package-lock.json in tests/js, tests/e2e, bench, tests/packaging/*)"
  else
    command -v npm >/dev/null 2>&1 || fail "npm not found" "install Node 20 with npm (/usr/bin/node, /usr/bin/npm), then rerun"
    node_v="$(node --version)"
    for d in "${dirs[@]}"; do
      rel="${d#"$ROOT"/}"
      stamp="$d/node_modules/.setup-stamp"
      want="$(sha256sum <"$d/package-lock.json" | cut -d' ' -f1) node $node_v"
      HINT="check network access to the npm registry and that $rel/package-lock.json matches $rel/package.json; then rerun (or: cd $rel && npm ci --no-audit --no-fund)"
      if [ -d "$d/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        ok "$rel: already present"
      else
        installing "$rel: npm ci"
        (cd "$d" && npm ci --no-audit --no-fund </dev/null)
        printf '%s\n' "$want" >"$stamp"
        ok "$rel: installed"
      fi
    done
  fi
fi

STEP="done"
say "all steps ok in $((SECONDS - START_TS))s; build/test scripts: source \"$ROOT/scripts/env.sh\""
