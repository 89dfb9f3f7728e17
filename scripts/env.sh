# Shared by kplay's scripts (sourced; holds no secrets): where the tools live and a PATH that
# finds them before anything else, so trunk and the tests use the versions bootstrap.sh installs.
#
# KPLAY_TOOLS_DIR overrides where npm tools (wasm-opt, KafkaJS) and the Python venv of real Kafka
# clients go; default ~/.local/share/kplay-tools.

KPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
KPLAY_TOOLS_DIR="${KPLAY_TOOLS_DIR:-$HOME/.local/share/kplay-tools}"
export KPLAY_ROOT KPLAY_TOOLS_DIR
export PATH="$HOME/.cargo/bin:$KPLAY_TOOLS_DIR/node_modules/.bin:$PATH"
# The Python with kafka-python, confluent-kafka and aiokafka that kplay serve's real-client tests
# run.
export KPLAY_PYTHON="${KPLAY_PYTHON:-$KPLAY_TOOLS_DIR/venv/bin/python}"

# Browser tests drive Debian's Chromium through its chromedriver (see webdriver.json for flags).
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# trunk must not look for a newer trunk online; `offline = true` in Trunk.toml covers the rest.
export TRUNK_SKIP_VERSION_CHECK=true
