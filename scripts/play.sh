#!/usr/bin/env bash
# Builds the playground and serves it on http://127.0.0.1:8080, rebuilding on every change.
# Installs the tools it needs first (see scripts/bootstrap.sh); works without network access.
#
#   bash scripts/play.sh
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KPLAY_ROOT"

KPLAY_SKIP_BROWSER=1 KPLAY_SKIP_CLIENTS=1 bash scripts/bootstrap.sh

printf '\033[1;32m[play]\033[0m serving kplay on http://127.0.0.1:8080 (Ctrl-C stops it)\n' >&2
# Address, port and offline mode come from Trunk.toml.
exec trunk serve --offline
