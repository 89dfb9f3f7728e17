"""Two confluent-kafka consumers in one group on a three-broker kplay serve: the partitions are
split between them; when one leaves, the other takes over its partitions from its committed
offsets; with a synchronous commit after every record, nothing is lost or read twice.

Usage: group_split.py BOOTSTRAP TOPIC [ASSIGNOR]   (range by default; cooperative-sticky too)
"""

import sys
import time

from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic

BOOTSTRAP, TOPIC = sys.argv[1], sys.argv[2]
ASSIGNOR = sys.argv[3] if len(sys.argv) > 3 else "range"
GROUP = TOPIC + "-group"
PARTITIONS = 4
PER_ROUND = 200


def check(ok, what):
    if not ok:
        sys.exit("group split: " + what)


admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
for future in admin.create_topics([NewTopic(TOPIC, num_partitions=PARTITIONS, replication_factor=1)]).values():
    future.result(10)
leaders = {p.leader for p in admin.list_topics(TOPIC, timeout=10).topics[TOPIC].partitions.values()}
check(len(leaders) > 1, "partition leaders on more than one broker: %r" % leaders)

producer = Producer({"bootstrap.servers": BOOTSTRAP})


def produce(start):
    for i in range(start, start + PER_ROUND):
        producer.produce(TOPIC, key="key-%d" % i, value="%d" % i)
    check(producer.flush(15) == 0, "delivered")


def consumer(name):
    c = Consumer({
        "bootstrap.servers": BOOTSTRAP,
        "group.id": GROUP,
        "client.id": name,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "session.timeout.ms": 10000,
        "heartbeat.interval.ms": 500,
        "partition.assignment.strategy": ASSIGNOR,
    })
    c.subscribe([TOPIC])
    return c


read = []  # (consumer, value)


def poll(c, name):
    message = c.poll(0.2)
    if message is None or message.error():
        return
    read.append((name, int(message.value())))
    c.commit(message=message, asynchronous=False)


def run_until(consumers, done, what, seconds=60):
    deadline = time.time() + seconds
    while not done():
        check(time.time() < deadline, "timed out waiting for " + what)
        for name, c in consumers:
            poll(c, name)


a, b = consumer("a"), consumer("b")
produce(0)
both = [("a", a), ("b", b)]
run_until(both, lambda: len(a.assignment()) + len(b.assignment()) == PARTITIONS
          and a.assignment() and b.assignment(), "a split assignment")
check(not set(a.assignment()) & set(b.assignment()), "no partition assigned twice")
run_until(both, lambda: len(read) >= PER_ROUND, "the first round")
check({n for n, _ in read} == {"a", "b"}, "both consumers read")

b.close()  # leaves the group: a rebalance gives its partitions to a
produce(PER_ROUND)
run_until([("a", a)], lambda: len(a.assignment()) == PARTITIONS and len(read) >= 2 * PER_ROUND,
          "a to take over every partition and read the second round")
a.close()

values = sorted(v for _, v in read)
check(values == list(range(2 * PER_ROUND)), "each record read exactly once: %d read, %d distinct"
      % (len(values), len(set(values))))
print("group split (%s): ok, %d records split between two consumers and then one, none lost or "
      "read twice" % (ASSIGNOR, len(values)))
