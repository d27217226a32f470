#!/usr/bin/env bash
# Prepare this machine to build and test the crate for wasm32 (wasm-pack,
# headless Chromium, Node).  Idempotent: a second run only checks and takes
# a few seconds.  Runnable from any directory, non-interactive (CI=true, no stdin).
#
# Steps
#   1. apt packages      Debian packages (Chromium, chromedriver; and, when the
#                        rustup toolchain has no wasm32 std, rustc-web/cargo-web/rust-web-src/lld-22)
#   2. wasm32 target     rustup's wasm32-unknown-unknown if installed; otherwise build the
#                        wasm32 std for Debian's /usr/bin/rustc (1.96) once, with a stamp
#   3. linker            rust-lld -> /usr/lib/llvm-22/bin/lld (Debian path only)
#   4. wasm-bindgen-cli  exactly the wasm-bindgen version in Cargo.lock; wasm-pack
#   5. node packages     npm ci in the repo root (build tools: esbuild, binaryen 132 for wasm-opt,
#                        typescript, Biome, playwright-core, attw, publint) and in tests/e2e, bench,
#                        tests/packaging/* when stale. Debian's binaryen 108 is not used: it
#                        corrupts wasm-bindgen output (re-points the exported externref table
#                        at the funcref table; fixed upstream in binaryen 110).
#
# Environment knobs (all optional)
#   WASM_TOOLCHAIN=rustup|debian   force the wasm32 toolchain choice (default: auto)
#   WASM_BINDGEN_VERSION=x.y.z     wasm-bindgen-cli version when Cargo.lock has none
#   BUILD_LOCK=/tmp/build.lock     lock file serialising cargo builds on this machine; setup takes
#                                  it itself around each cargo build (BUILD_LOCK_HELD=1: caller holds it)
#   SETUP_SKIP_NODE=1              skip step 5
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

DEB_RUST_PKGS=(rustc-web cargo-web rust-web-src lld-22)
DEB_OTHER_PKGS=(chromium chromium-driver)
DEB_RUSTC=/usr/bin/rustc
DEB_CARGO=/usr/bin/cargo
DEB_LLD=/usr/lib/llvm-22/bin/lld
RUST_LLD_LINK=/usr/local/bin/rust-lld
SYSROOT_RECIPE="recipe: -Zbuild-std=std,panic_abort,test RUSTFLAGS=-Cembed-bitcode=yes v1"

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

# The cargo used to install host tools: the rustup one if present, else Debian's.
host_cargo() {
  if command -v cargo >/dev/null 2>&1; then command -v cargo
  elif [ -x "$DEB_CARGO" ]; then echo "$DEB_CARGO"
  else return 1
  fi
}

# Does the default (rustup) toolchain already have the wasm32 std?
rustup_has_wasm32() {
  local installed
  command -v rustup >/dev/null 2>&1 || return 1
  installed="$(cd "$ROOT" && timeout 60 rustup target list --installed 2>/dev/null)" || return 1
  grep -qx 'wasm32-unknown-unknown' <<<"$installed"
}

# ---------------------------------------------------------------- mode
case "${WASM_TOOLCHAIN:-auto}" in
  rustup) MODE=rustup ;;
  debian) MODE=debian ;;
  auto) if rustup_has_wasm32; then MODE=rustup; else MODE=debian; fi ;;
  *) STEP="wasm32 target"; fail "WASM_TOOLCHAIN='${WASM_TOOLCHAIN}'" "set WASM_TOOLCHAIN to rustup, debian or leave it unset" ;;
esac
say "repo: $ROOT; wasm32 toolchain: $MODE$([ "$MODE" = debian ] && echo " (/usr/bin/rustc + /usr/bin/cargo with a locally built wasm32 std)" || echo " (rustup target wasm32-unknown-unknown)")"

# ---------------------------------------------------------------- 1. apt packages
STEP="apt packages"
HINT="as root: apt-get update && apt-get install -y <the packages above>; check network access to the Debian mirror"
pkgs=("${DEB_OTHER_PKGS[@]}")
[ "$MODE" = debian ] && pkgs=("${DEB_RUST_PKGS[@]}" "${pkgs[@]}")
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

# Build std/panic_abort/test for wasm32 with Debian's rustc and install the rlibs into
# its sysroot (replacing the previous set).  Runs under the build lock, in a subshell and
# in a `||` context (so errexit is off here): every step checks its own status.
build_wasm32_sysroot() {
  local scratch newlib n=0 f
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/wasm32-sysroot.XXXXXX")" || return 1
  mkdir -p "$scratch/src" && : >"$scratch/src/lib.rs" || return 1
  printf '%s\n' '[package]' 'name = "wasm32-sysroot-scratch"' 'version = "0.0.0"' \
    'edition = "2021"' 'publish = false' '' '[lib]' 'path = "src/lib.rs"' \
    'crate-type = ["rlib"]' '' '[workspace]' >"$scratch/Cargo.toml" || return 1
  (cd "$scratch" && env -u CARGO_ENCODED_RUSTFLAGS -u RUSTC_WRAPPER -u CARGO_BUILD_RUSTC_WRAPPER \
    -u RUSTUP_TOOLCHAIN -u CARGO_BUILD_TARGET \
    PATH="/usr/bin:$PATH" RUSTC="$DEB_RUSTC" CARGO_TARGET_DIR="$scratch/target" \
    RUSTFLAGS="-Cembed-bitcode=yes" RUSTC_BOOTSTRAP=1 \
    "$DEB_CARGO" build --release --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort,test </dev/null) || return 1
  newlib="$WASM_TARGET_DIR/lib.new.$$"
  rm -rf "$newlib" && mkdir -p "$newlib" || return 1
  for f in "$scratch"/target/wasm32-unknown-unknown/release/deps/*.rlib; do
    case "$(basename "$f")" in libwasm32_sysroot_scratch-*) continue ;; esac
    cp "$f" "$newlib/" || return 1
    n=$((n + 1))
  done
  if ! compgen -G "$newlib/libstd-*.rlib" >/dev/null; then
    say "$STEP: the std build produced no libstd rlib" >&2
    return 1
  fi
  rm -f "$STAMP" && rm -rf "$WASM_LIBDIR" && mv "$newlib" "$WASM_LIBDIR" || return 1
  rm -rf "$scratch"
  say "$STEP: installed $n rlibs into $WASM_LIBDIR"
}

# ---------------------------------------------------------------- 2. wasm32 target
STEP="wasm32 target"
VERIFY_WASM32=0
if [ "$MODE" = rustup ]; then
  HINT="rustup target add wasm32-unknown-unknown (needs network), or run with WASM_TOOLCHAIN=debian"
  rustup_has_wasm32 || fail "WASM_TOOLCHAIN=rustup but the rustup toolchain has no wasm32-unknown-unknown" "$HINT"
  ok "already present: rustup target wasm32-unknown-unknown"
else
  HINT="check that rustc-web and rust-web-src are installed and crates.io is reachable; the std build log is above"
  [ -x "$DEB_RUSTC" ] && [ -x "$DEB_CARGO" ] || fail "$DEB_RUSTC or $DEB_CARGO missing" "apt-get install -y rustc-web cargo-web rust-web-src"
  DEB_SYSROOT="$("$DEB_RUSTC" --print sysroot)"
  [ -d "$DEB_SYSROOT/lib/rustlib/src/rust/library" ] || fail "no std source at $DEB_SYSROOT/lib/rustlib/src/rust/library" "apt-get install -y rust-web-src"
  WASM_TARGET_DIR="$DEB_SYSROOT/lib/rustlib/wasm32-unknown-unknown"
  WASM_LIBDIR="$WASM_TARGET_DIR/lib"
  STAMP="$WASM_TARGET_DIR/setup-stamp"
  WANT_STAMP="$("$DEB_RUSTC" -vV)
$SYSROOT_RECIPE"
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT_STAMP" ] && compgen -G "$WASM_LIBDIR/libstd-*.rlib" >/dev/null; then
    ok "already present: wasm32 std for $("$DEB_RUSTC" --version) in $WASM_LIBDIR"
  else
    [ -w "$DEB_SYSROOT/lib/rustlib" ] || fail "cannot write to $DEB_SYSROOT/lib/rustlib" "run this script as root"
    installing "building the wasm32 std for $("$DEB_RUSTC" --version) (about a minute)"
    # Build and install under the lock, so no locked build sees a half-swapped sysroot.
    rc=0
    with_build_lock build_wasm32_sysroot || rc=$?
    [ "$rc" = 75 ] && lock_timeout_fail
    [ "$rc" = 0 ] || fail "building the wasm32 std failed (exit $rc)" "$HINT"
    VERIFY_WASM32=1 # the stamp is written after the linker step and a test compile
  fi
fi

# ---------------------------------------------------------------- 3. linker
STEP="linker"
if [ "$MODE" = rustup ]; then
  ok "not needed (rustup ships rust-lld)"
else
  HINT="apt-get install -y lld-22, then as root: ln -sf $DEB_LLD $RUST_LLD_LINK"
  [ -x "$DEB_LLD" ] || fail "$DEB_LLD missing" "$HINT"
  if [ -x "$RUST_LLD_LINK" ]; then
    ok "already present: $RUST_LLD_LINK -> $(readlink -f "$RUST_LLD_LINK")"
  else
    [ -w "$(dirname "$RUST_LLD_LINK")" ] || fail "cannot write $RUST_LLD_LINK" "run this script as root"
    installing "$RUST_LLD_LINK -> $DEB_LLD"
    ln -sf "$DEB_LLD" "$RUST_LLD_LINK"
    ok "linked"
  fi
fi

# Verify a freshly built wasm32 std (only when it was just built), then stamp it.
if [ "$VERIFY_WASM32" = 1 ]; then
  STEP="wasm32 target"
  HINT="the wasm32 std was built but does not link; rerun this script (it rebuilds because no stamp was written)"
  vdir="$(mktemp -d "${TMPDIR:-/tmp}/wasm32-verify.XXXXXX")"
  echo 'pub fn f() -> u32 { 1 }' >"$vdir/lib.rs"
  echo '#[test] fn t() { assert_eq!(1 + 1, 2); }' >"$vdir/t.rs"
  (
    cd "$vdir"
    export PATH="/usr/bin:$PATH"
    "$DEB_RUSTC" --target wasm32-unknown-unknown --crate-type cdylib -O -o lib.wasm lib.rs
    "$DEB_RUSTC" --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=z -C lto=fat \
      -C panic=abort -o lib-lto.wasm lib.rs
    "$DEB_RUSTC" --target wasm32-unknown-unknown --test -o t.wasm t.rs
  )
  rm -rf "$vdir"
  printf '%s\n' "$WANT_STAMP" >"$STAMP"
  ok "verified: cdylib, cdylib with LTO, and a test harness compile and link for wasm32"
fi

# ---------------------------------------------------------------- 4. wasm-bindgen-cli + wasm-pack
# cargo install --locked, falling back to an unlocked resolve when the registry
# index lacks a version pinned in the tool's own Cargo.lock (seen here with
# wasm-bindgen-cli 0.2.130: webpki-roots 1.0.11 not in the index).
cargo_install() { # cargo_install <crate> [args...]
  local cargo crate=$1
  shift
  cargo="$(host_cargo)" || fail "no cargo found" "install rustup (or apt-get install -y cargo-web), then rerun"
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

# ---------------------------------------------------------------- 5. node packages
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
