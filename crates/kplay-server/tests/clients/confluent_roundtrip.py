"""confluent-kafka (librdkafka) against kplay serve: AdminClient create/list/describe/delete, a
Producer with delivery reports, and a Consumer in a group committing by hand.

Usage: confluent_roundtrip.py BOOTSTRAP TOPIC
"""

import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

BOOTSTRAP, TOPIC = sys.argv[1], sys.argv[2]
GROUP = TOPIC + "-group"
COUNT = 100


def check(ok, what):
    if not ok:
        sys.exit("confluent-kafka: " + what)


admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
for future in admin.create_topics([NewTopic(TOPIC, num_partitions=3, replication_factor=1)]).values():
    future.result(10)
check(TOPIC in admin.list_topics(timeout=10).topics, "the created topic is listed")
configs = list(admin.describe_configs([ConfigResource("topic", TOPIC)]).values())[0].result(10)
check(configs["cleanup.policy"].value == "delete", "cleanup.policy is described")

delivered = []
producer = Producer({"bootstrap.servers": BOOTSTRAP, "linger.ms": 5})
for i in range(COUNT):
    producer.produce(TOPIC, key="key-%d" % i, value="value-%d" % i,
                     on_delivery=lambda err, msg: delivered.append((err, msg.partition(), msg.offset())))
check(producer.flush(15) == 0, "every record is delivered")
check(all(err is None for err, _, _ in delivered), "no delivery errors: %r" % delivered[:3])

consumer = Consumer({
    "bootstrap.servers": BOOTSTRAP,
    "group.id": GROUP,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
})
consumer.subscribe([TOPIC])
seen = set()
deadline = time.time() + 30
while len(seen) < COUNT and time.time() < deadline:
    message = consumer.poll(0.5)
    if message is None:
        continue
    check(message.error() is None, "poll: %s" % message.error())
    check(message.value() not in seen, "read twice: %r" % message.value())
    seen.add(message.value())
    consumer.commit(message=message, asynchronous=False)
check(len(seen) == COUNT, "consumed %d of %d" % (len(seen), COUNT))
committed = consumer.committed([TopicPartition(TOPIC, p) for p in range(3)], timeout=10)
check(sum(tp.offset for tp in committed) == COUNT, "committed %r" % committed)
consumer.close()

groups = [g.group_id for g in admin.list_consumer_groups().result(10).valid]
check(GROUP in groups, "the group is listed: %r" % groups)
for future in admin.delete_topics([TOPIC]).values():
    future.result(10)
print("confluent-kafka: ok, %d records produced, consumed and committed by hand" % COUNT)
