#!/usr/bin/env bash
# Installs what kplay's two commands need, skipping whatever is already present at the right
# version. Run by scripts/play.sh and scripts/test.sh (and runnable by hand); safe to run again
# and again.
#
#   bash scripts/bootstrap.sh            # everything
#   KPLAY_SKIP_BROWSER=1 bash scripts/bootstrap.sh   # no browser-test tools (Chromium,
#                                                    # chromedriver, wasm-pack): play only
#   KPLAY_SKIP_CLIENTS=1 bash scripts/bootstrap.sh   # nothing for kplay serve (clang for its
#                                                    # codecs, kcat, KafkaJS and the Python
#                                                    # venv of real Kafka clients for its tests)
#
# Versions that must match are read from the project's own files: the Rust toolchain from
# rust-toolchain.toml, wasm-bindgen-cli from Cargo.lock's wasm-bindgen, wasm-opt from Trunk.toml
# (trunk, being offline, uses only the exact versions pinned there, found on PATH).
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT="$KPLAY_ROOT"
TRUNK_VERSION="0.21.14"
WASM_PACK_VERSION="0.15.1"
KAFKAJS_VERSION="2.2.4"
TOOLS_DIR="$KPLAY_TOOLS_DIR"

say() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then
        say "apt-get update"
        $SUDO apt-get update -qq
        apt_updated=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
SUDO=""
if [ "$(id -u)" != 0 ] && have sudo; then SUDO="sudo"; fi

ensure_rust() {
    if ! have rustup; then
        say "rustup is required (https://rustup.rs); it is not on PATH"
        exit 1
    fi
    # Installs the channel, components and wasm32 target named in rust-toolchain.toml, if missing.
    (cd "$ROOT" && rustup toolchain install >/dev/null 2>&1 || true)
    local channel
    channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$ROOT/rust-toolchain.toml")"
    if ! rustup target list --installed --toolchain "$channel" | grep -qx wasm32-unknown-unknown; then
        say "adding wasm32-unknown-unknown to $channel"
        rustup target add --toolchain "$channel" wasm32-unknown-unknown
    fi
}

lock_version() { # the version of a package in Cargo.lock
    awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
        "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
    local want
    want="$(lock_version wasm-bindgen)"
    if [ -z "$want" ]; then
        say "no wasm-bindgen in Cargo.lock; run 'cargo generate-lockfile' first"
        exit 1
    fi
    if have wasm-bindgen && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$want" ]; then
        return
    fi
    say "installing wasm-bindgen-cli $want (about 7 minutes, once)"
    # --locked fails on a yanked transitive crate for some versions; the unlocked build works.
    cargo install --force wasm-bindgen-cli --version "=$want"
}

ensure_trunk() {
    if have trunk && [ "$(trunk --version | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
        return
    fi
    say "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
    cargo install --locked --force trunk --version "=$TRUNK_VERSION"
}

ensure_wasm_pack() {
    [ "${KPLAY_SKIP_BROWSER:-0}" = 1 ] && return
    if have wasm-pack && [ "$(wasm-pack --version | awk '{print $2}')" = "$WASM_PACK_VERSION" ]; then
        return
    fi
    say "installing wasm-pack $WASM_PACK_VERSION (about 5 minutes, once)"
    cargo install --locked --force wasm-pack --version "=$WASM_PACK_VERSION"
}

trunk_tool_version() { # a [tools] pin in Trunk.toml
    sed -n "s/^$1 *= *\"\(.*\)\"/\1/p" "$ROOT/Trunk.toml"
}

check_trunk_pins() {
    # trunk uses a tool from PATH only at exactly the pinned version; catch a drifted pin here,
    # with a clear message, rather than as trunk's "unable to download in offline mode".
    local lock pinned
    lock="$(lock_version wasm-bindgen)"
    pinned="$(trunk_tool_version wasm_bindgen)"
    if [ "$pinned" != "$lock" ]; then
        say "Trunk.toml pins wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $lock;"
        say "set [tools] wasm_bindgen = \"$lock\" in Trunk.toml"
        exit 1
    fi
}

ensure_crates() {
    # trunk builds with `cargo --offline`, so every crate must already be downloaded.
    if (cd "$ROOT" && cargo fetch --offline --quiet >/dev/null 2>&1); then
        return
    fi
    say "downloading crates"
    (cd "$ROOT" && cargo fetch --quiet)
}

ensure_wasm_opt() {
    # Debian's binaryen is too old for what rustc emits; the npm package ships a working build.
    local BINARYEN_VERSION
    BINARYEN_VERSION="$(trunk_tool_version wasm_opt | sed 's/^version_//')"
    if [ -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ] &&
        "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version | grep -q "version $BINARYEN_VERSION"; then
        return
    fi
    if ! have npm; then apt_install nodejs npm; fi
    say "installing wasm-opt (binaryen@$BINARYEN_VERSION from npm)"
    mkdir -p "$TOOLS_DIR"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION"
}

ensure_chromium() {
    [ "${KPLAY_SKIP_BROWSER:-0}" = 1 ] && return
    if have chromium && have chromedriver; then return; fi
    apt_install chromium chromium-driver
}

ensure_clang() {
    # kafka-protocol's lz4 and zstd codecs, which kplay serve reads, compile C.
    [ "${KPLAY_SKIP_CLIENTS:-0}" = 1 ] && return
    have clang || apt_install clang
}

ensure_kafka_clients() {
    # kplay serve's real-client tests: kcat (librdkafka) from Debian, kafka-python, confluent-kafka
    # and aiokafka from PyPI in a venv at $KPLAY_PYTHON's directory (see env.sh), and KafkaJS from
    # npm beside wasm-opt.
    [ "${KPLAY_SKIP_CLIENTS:-0}" = 1 ] && return
    have kcat || apt_install kcat
    if [ ! -f "$TOOLS_DIR/node_modules/kafkajs/package.json" ]; then
        have npm || apt_install nodejs npm
        say "installing kafkajs@$KAFKAJS_VERSION from npm"
        mkdir -p "$TOOLS_DIR"
        npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "kafkajs@$KAFKAJS_VERSION"
    fi
    if "$KPLAY_PYTHON" -c 'import kafka, confluent_kafka, aiokafka' >/dev/null 2>&1; then
        return
    fi
    local venv
    venv="$(dirname "$(dirname "$KPLAY_PYTHON")")"
    have python3 || apt_install python3
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        apt_install python3-venv
        python3 -m venv "$venv"
    fi
    say "installing kafka-python, confluent-kafka and aiokafka into $venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check kafka-python confluent-kafka aiokafka
}

ensure_rust
check_trunk_pins
ensure_crates
ensure_wasm_bindgen
ensure_trunk
ensure_wasm_opt
ensure_chromium
ensure_wasm_pack
ensure_clang
ensure_kafka_clients
say "tools ready"
