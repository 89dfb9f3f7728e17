"""Two confluent-kafka consumers in one group on a three-broker kplay serve: the partitions are
split between them; when one leaves, the other takes over its partitions from its committed
offsets; nothing is lost or read twice.

Each consumer runs in its own thread, as applications run them: a consumer's commit can wait
behind its own JoinGroup, which the coordinator holds until the other member rejoins. Each
commits after every record; a commit refused by a rebalance under way (REBALANCE_IN_PROGRESS,
ILLEGAL_GENERATION) is followed, before its partitions move, by a commit of what it read from
them in the revocation callback, as Kafka's clients document.

Usage: group_split.py BOOTSTRAP TOPIC [ASSIGNOR]   (range by default; cooperative-sticky too)
"""

import sys
import threading
import time

from confluent_kafka import Consumer, KafkaException, Producer
from confluent_kafka.admin import AdminClient, NewTopic

BOOTSTRAP, TOPIC = sys.argv[1], sys.argv[2]
ASSIGNOR = sys.argv[3] if len(sys.argv) > 3 else "range"
GROUP = TOPIC + "-group"
PARTITIONS = 4
PER_ROUND = 200
failures = []
read = []  # (member, value)
lock = threading.Lock()


def check(ok, what):
    if not ok:
        sys.exit("group split (%s): %s" % (ASSIGNOR, what))


class Member(threading.Thread):
    def __init__(self, name):
        super().__init__(daemon=True)
        self.name, self.assigned, self.done = name, set(), threading.Event()

    def on_assign(self, consumer, partitions):
        self.assigned |= {p.partition for p in partitions}

    def on_revoke(self, consumer, partitions):
        # Commit what was read from the partitions before another member takes them.
        positions = [p for p in consumer.position(partitions) if p.offset >= 0]
        if positions:
            consumer.commit(offsets=positions, asynchronous=False)
        self.assigned -= {p.partition for p in partitions}

    def run(self):
        try:
            consumer = Consumer({
                "bootstrap.servers": BOOTSTRAP,
                "group.id": GROUP,
                "client.id": self.name,
                "auto.offset.reset": "earliest",
                "enable.auto.commit": False,
                "session.timeout.ms": 10000,
                "heartbeat.interval.ms": 500,
                "partition.assignment.strategy": ASSIGNOR,
            })
            consumer.subscribe([TOPIC], on_assign=self.on_assign, on_revoke=self.on_revoke)
            while not self.done.is_set():
                message = consumer.poll(0.2)
                if message is None or message.error():
                    continue
                with lock:
                    read.append((self.name, int(message.value())))
                try:
                    consumer.commit(message=message, asynchronous=False)
                except KafkaException as e:
                    # The revocation callback commits this partition's position before it moves.
                    print("%s: commit refused during a rebalance: %s" % (self.name, e), flush=True)
            consumer.close()  # revokes (committing), then leaves the group
        except Exception as e:  # noqa: BLE001 - reported to the main thread
            failures.append("%s: %r" % (self.name, e))


def wait_for(done, what, seconds=60):
    deadline = time.time() + seconds
    while not done():
        check(not failures, "; ".join(failures))
        check(time.time() < deadline, "timed out waiting for " + what)
        time.sleep(0.05)


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


a, b = Member("a"), Member("b")
a.start()
b.start()
wait_for(lambda: a.assigned and b.assigned and len(a.assigned | b.assigned) == PARTITIONS,
         "a split assignment")
produce(0)
check(not a.assigned & b.assigned, "no partition assigned twice")
wait_for(lambda: len(read) >= PER_ROUND, "the first round")
check({n for n, _ in read} == {"a", "b"}, "both consumers read")

b.done.set()  # b leaves the group: a rebalance gives its partitions to a
b.join(30)
check(not b.is_alive(), "b closed")
produce(PER_ROUND)
wait_for(lambda: len(a.assigned) == PARTITIONS and len(read) >= 2 * PER_ROUND,
         "a to take over every partition and read the second round")
a.done.set()
a.join(30)
check(not failures, "; ".join(failures))

values = sorted(v for _, v in read)
check(values == list(range(2 * PER_ROUND)), "each record read exactly once: %d read, %d distinct"
      % (len(values), len(set(values))))
print("group split (%s): ok, %d records split between two consumers and then one, none lost or "
      "read twice" % (ASSIGNOR, len(values)))
