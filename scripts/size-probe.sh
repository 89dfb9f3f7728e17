#!/usr/bin/env bash
# What the site's weight owes to the engine: builds the engine alone (tests/size-probe: a share
# link's scenario replayed, the presets played, the trace as text, and no page) and the site,
# both as trunk builds the site (the release profile, wasm-bindgen --target web, wasm-opt -Oz),
# and prints both weights, gzipped with -9 as scripts/test.sh weighs the site.
#
#   bash scripts/size-probe.sh
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KPLAY_ROOT"

OUT=target/size-probe
WASM=wasm32-unknown-unknown
rm -rf "$OUT"
mkdir -p "$OUT"

gzipped() { # the files' gzipped bytes, each gzipped on its own, added up
    local f
    for f in "$@"; do gzip -9 -c "$f"; done | wc -c
}

cargo build --release --offline --target "$WASM" -p kplay-size-probe
wasm-bindgen --target web --no-typescript --out-dir "$OUT/engine" \
    "target/$WASM/release/kplay_size_probe.wasm"
wasm-opt -Oz --output="$OUT/engine/probe.wasm" "$OUT/engine/kplay_size_probe_bg.wasm"
engine=$(gzipped "$OUT/engine/probe.wasm" "$OUT/engine/kplay_size_probe.js")

trunk build --release --offline --dist "$OUT/site"
# shellcheck disable=SC2046
site=$(gzipped $(find "$OUT/site" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \)))

printf 'the engine alone: %s bytes gzipped (%s KiB)\n' "$engine" "$((engine / 1024))"
printf 'the site:         %s bytes gzipped (%s KiB)\n' "$site" "$((site / 1024))"
printf 'the engine is %s%% of the site; the page around it adds %s KiB\n' \
    "$((100 * engine / site))" "$(((site - engine) / 1024))"
