"""confluent-kafka (librdkafka) against kplay serve: AdminClient create/list/describe/delete, a
Producer with delivery reports, and a Consumer in a group committing by hand; then the admin
calls on partitions, records, configs and groups.

Usage: confluent_roundtrip.py BOOTSTRAP TOPIC
"""

import sys
import time
import warnings

from confluent_kafka import (Consumer, ConsumerGroupTopicPartitions, ElectionType, KafkaError,
                             Producer, TopicPartition)
from confluent_kafka.admin import (AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource,
                                   NewPartitions, NewTopic, OffsetSpec)

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
listed = admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions(GROUP)])
offsets = list(listed.values())[0].result(10).topic_partitions
check(sum(tp.offset for tp in offsets) == COUNT, "the admin sees the commits: %r" % offsets)
described = list(admin.describe_consumer_groups([GROUP]).values())[0].result(10)
check(described.state.name == "EMPTY" and not described.members, "the group is empty once closed")
for future in admin.delete_consumer_groups([GROUP]).values():
    future.result(10)
check(GROUP not in [g.group_id for g in admin.list_consumer_groups().result(10).valid],
      "the deleted group is gone")

for future in admin.create_partitions([NewPartitions(TOPIC, 5)]).values():
    future.result(10)
check(len(admin.list_topics(TOPIC, timeout=10).topics[TOPIC].partitions) == 5, "grown to 5")
change = ConfigEntry("retention.ms", "3600000", incremental_operation=AlterConfigOpType.SET)
for future in admin.incremental_alter_configs([ConfigResource("topic", TOPIC, incremental_configs=[change])]).values():
    future.result(10)
configs = list(admin.describe_configs([ConfigResource("topic", TOPIC)]).values())[0].result(10)
check(configs["retention.ms"].value == "3600000", "retention.ms was set")
# AlterConfigs (the older, replacing API): retention.ms, left out, goes back to its default.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    replaced = admin.alter_configs([ConfigResource("topic", TOPIC, set_config={"segment.ms": "600000"})])
for future in replaced.values():
    future.result(10)
configs = list(admin.describe_configs([ConfigResource("topic", TOPIC)]).values())[0].result(10)
check(configs["segment.ms"].value == "600000", "segment.ms was set")
check(configs["retention.ms"].value == "604800000", "retention.ms is back to its default")
cluster = admin.describe_cluster().result(10)
check(len(cluster.nodes) >= 1 and cluster.controller is not None, "the cluster is described")

# DeleteRecords: partition 0 then starts at the high watermark (OFFSET_END, -1) it had.
p0 = TopicPartition(TOPIC, 0)
end = admin.list_offsets({p0: OffsetSpec.latest()})[p0].result(10).offset
check(end > 0, "partition 0 holds records")
deleted = admin.delete_records([TopicPartition(TOPIC, 0, -1)])
low = list(deleted.values())[0].result(10).low_watermark
check(low == end, "records deleted up to the high watermark %d: low watermark %d" % (end, low))
start = admin.list_offsets({p0: OffsetSpec.earliest()})[p0].result(10).offset
check(start == end, "partition 0 now starts at %d, not %d" % (end, start))

# ElectLeaders: partition 0's only replica leads already, as the broker says.
elected = admin.elect_leaders(ElectionType.PREFERRED, [p0]).result(10)
errors = [e.code() if e is not None else None for e in elected.values()]
check(errors == [KafkaError.ELECTION_NOT_NEEDED], "a preferred election is not needed: %r" % elected)

for future in admin.delete_topics([TOPIC]).values():
    future.result(10)
print("confluent-kafka: ok, %d records produced, consumed and committed by hand" % COUNT)
