#!/usr/bin/env bash
# Throughput of kplay serve, measured beside librdkafka's mock cluster in the same run: kcat sends
# N records of S bytes (default 1,000,000 x 100 B) to each, acks=all, then reads them all back;
# the script prints records/s and MB/s both ways for both. Client and broker share this machine's
# cores, so the figures compare the two brokers; they are not what either would do alone.
#
#   bash scripts/bench-serve.sh [COUNT] [SIZE]
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KPLAY_ROOT"

COUNT="${1:-1000000}"
SIZE="${2:-100}"
PORT="${KPLAY_BENCH_PORT:-19192}"
WORK="$(mktemp -d)"
SERVER_PID=""
MOCK_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

say() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }

command -v kcat >/dev/null || { say "kcat is missing: run scripts/bootstrap.sh"; exit 1; }
"$KPLAY_PYTHON" -c 'import confluent_kafka' 2>/dev/null ||
    { say "confluent-kafka is missing: run scripts/bootstrap.sh"; exit 1; }

say "building kplay (bench profile: optimised, no size tuning)"
cargo build --profile bench -p kplay-server --bin kplay
KPLAY="$KPLAY_ROOT/target/release/kplay"
[ -x "$KPLAY" ] || KPLAY="$(find "$KPLAY_ROOT/target" -path '*bench*' -name kplay -type f -perm -u+x | head -1)"

say "writing $COUNT records of $SIZE bytes"
python3 - "$COUNT" "$SIZE" >"$WORK/records" <<'PY'
import sys
count, size = int(sys.argv[1]), int(sys.argv[2])
line = ("x" * size) + "\n"  # kcat drops the newline: each value is SIZE bytes
sys.stdout.write(line * count)
PY

# cpu PID: the CPU time a process has used so far, in clock ticks (user + system).
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS="$(getconf CLK_TCK)"

# report NAME NANOSECONDS TICKS [RECORDS]: prints the figures for RECORDS (default COUNT) of SIZE
# bytes, with the broker's own CPU time. kcat and the broker share the machine's cores, and kcat is
# usually the busier of the two, so the broker's CPU seconds per million records compare the two
# brokers better than the wall-clock rate does.
report() {
    python3 -c '
import sys
name, count, size, ns, ticks, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
s = ns / 1e9
cpu = ticks / hz
print("%-34s %9d records  %6.2f s  %9.0f records/s  %6.1f MB/s  broker CPU %5.2f s (%5.2f s per million)" % (name, count, s, count / s, count * size / s / 1e6, cpu, cpu * 1e6 / max(count, 1)))
' "$1" "${4:-$COUNT}" "$SIZE" "$2" "$3" "$TICKS"
}

# produce BOOTSTRAP NAME PID: times kcat producing every record to topic bench on the broker PID.
produce() {
    local started ended cpu0
    kcat -b "$1" -L -t bench >/dev/null 2>&1 || true
    cpu0=$(cpu "$3")
    started=$(date +%s%N)
    kcat -b "$1" -P -t bench -X acks=all -X linger.ms=5 -X batch.num.messages=10000 \
        -X queue.buffering.max.messages=1000000 -l "$WORK/records"
    ended=$(date +%s%N)
    report "$2, produce" "$((ended - started))" "$(($(cpu "$3") - cpu0))"
}

# consume BOOTSTRAP NAME PID: times kcat reading every record of topic bench from the start; kplay
# must give back every record (the mock cluster keeps only the last 5 MiB of a partition).
# kcat -e learns that it reached the end from a fetch at the high watermark, which a broker holds
# as a long poll for fetch.wait.max.ms (500 ms by default, in Kafka as in kplay): that wait is
# not reading, so both brokers are read with a 10 ms long poll. kcat's fetcher also pauses
# (about a second) whenever its local queue holds more than queued.min.messages (100,000) or
# queued.max.messages.kbytes (64 MiB) while kcat prints: that is the client waiting on itself, so
# the queue is made large enough to hold the whole topic.
consume() {
    local started ended got cpu0
    cpu0=$(cpu "$3")
    started=$(date +%s%N)
    got=$(kcat -b "$1" -C -t bench -o beginning -e -q -f '\n' -X fetch.wait.max.ms=10 \
        -X queued.min.messages=10000000 -X queued.max.messages.kbytes=1048576 | wc -l)
    ended=$(date +%s%N)
    if [ "$2" = "kplay serve" ] && [ "$got" != "$COUNT" ]; then
        say "kplay serve gave back $got records, not $COUNT"
        exit 1
    fi
    report "$2, consume" "$((ended - started))" "$(($(cpu "$3") - cpu0))" "$got"
}

"$KPLAY" serve --listen "127.0.0.1:$PORT" --log-level warn &
SERVER_PID=$!
for _ in $(seq 100); do kcat -b "127.0.0.1:$PORT" -L >/dev/null 2>&1 && break; sleep 0.1; done

mkfifo "$WORK/mock-stdin"
"$KPLAY_PYTHON" crates/kplay-server/tests/clients/mock_cluster.py <"$WORK/mock-stdin" >"$WORK/mock-address" &
MOCK_PID=$!
exec 3>"$WORK/mock-stdin"
for _ in $(seq 100); do [ -s "$WORK/mock-address" ] && break; sleep 0.1; done
MOCK="$(head -1 "$WORK/mock-address")"

say "kcat, acks=all, to kplay serve at 127.0.0.1:$PORT and to the mock cluster at $MOCK"
produce "127.0.0.1:$PORT" "kplay serve" "$SERVER_PID"
# Every record landed: the last offset of kplay's one-partition topic is COUNT - 1.
last=$(kcat -b "127.0.0.1:$PORT" -C -t bench -o -1 -c 1 -e -q -f '%o\n')
[ "$last" = "$((COUNT - 1))" ] || { say "kplay serve holds records up to offset $last, not $((COUNT - 1))"; exit 1; }
produce "$MOCK" "librdkafka mock cluster" "$MOCK_PID"
consume "127.0.0.1:$PORT" "kplay serve" "$SERVER_PID"
consume "$MOCK" "librdkafka mock cluster" "$MOCK_PID"
exec 3>&-
