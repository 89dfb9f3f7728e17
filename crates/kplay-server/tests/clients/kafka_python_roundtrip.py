"""kafka-python against kplay serve: admin create/list/delete, the default (idempotent) producer,
a group consumer with auto commit whose progress a second consumer in the group picks up, and
admin calls on groups, partitions, configs and records.

Usage: kafka_python_roundtrip.py BOOTSTRAP TOPIC
Exits non-zero, saying why, on the first thing that is not as Kafka would have it.
"""

import sys

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic
from kafka.errors import OffsetOutOfRangeError

BOOTSTRAP, TOPIC = sys.argv[1], sys.argv[2]
GROUP = TOPIC + "-group"
COUNT = 100


def check(ok, what):
    if not ok:
        sys.exit("kafka-python: " + what)


admin = KafkaAdminClient(bootstrap_servers=BOOTSTRAP, client_id="kplay-test-admin")
admin.create_topics([NewTopic(TOPIC, num_partitions=3, replication_factor=1)])
check(TOPIC in admin.list_topics(), "the created topic is listed")

producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
check(producer.config.get("enable_idempotence", True), "the producer is idempotent by default")
futures = [producer.send(TOPIC, key=b"key-%d" % i, value=b"value-%d" % i) for i in range(COUNT)]
producer.flush()
offsets = [f.get(timeout=10) for f in futures]
check(len({(m.partition, m.offset) for m in offsets}) == COUNT, "every record has its own offset")
producer.close()

consumer = KafkaConsumer(
    TOPIC,
    bootstrap_servers=BOOTSTRAP,
    group_id=GROUP,
    auto_offset_reset="earliest",
    enable_auto_commit=True,
    auto_commit_interval_ms=100,
    consumer_timeout_ms=15000,
)
seen = set()
for message in consumer:
    seen.add(message.value)
    if len(seen) == COUNT:
        break
check(len(seen) == COUNT, "consumed %d of %d records" % (len(seen), COUNT))
consumer.close()  # commits what was consumed

partitions = [TopicPartition(TOPIC, p) for p in range(3)]
again = KafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=GROUP, enable_auto_commit=False)
committed = sum(again.committed(tp) or 0 for tp in partitions)
check(committed == COUNT, "the group committed %d of %d" % (committed, COUNT))
again.close()

groups = admin.list_groups()
names = [g["group_id"] if isinstance(g, dict) else g[0] for g in groups]
check(GROUP in names, "the group is listed: %r" % groups)
described = admin.describe_groups([GROUP])
check(len(described) == 1, "the group is described: %r" % described)
# OffsetDelete: the (now empty) group forgets partition 0 and keeps the others.
admin.delete_group_offsets(GROUP, [TopicPartition(TOPIC, 0)])
kept = admin.list_group_offsets(GROUP)[GROUP]
check(TopicPartition(TOPIC, 0) not in kept and len(kept) == 2, "offsets left: %r" % kept)
admin.delete_groups([GROUP])
check(GROUP not in [g["group_id"] if isinstance(g, dict) else g[0] for g in admin.list_groups()],
      "the deleted group is gone")
admin.create_partitions({TOPIC: NewPartitions(total_count=4)})
check(len(admin.describe_topics([TOPIC])[0]["partitions"]) == 4, "grown to 4 partitions")
configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, TOPIC)], config_filter="all")
check("cleanup.policy" in repr(configs), "the topic's configs are described: %r" % configs)

# DescribeLogDirs: each of the four partitions' one replica is on one broker, holding bytes.
replicas = [(p["partition_index"], p["partition_size"])
            for b in admin.describe_log_dirs() for d in b["log_dirs"] for t in d["topics"]
            if t["name"] == TOPIC for p in t["partitions"]]
check(sorted(i for i, _ in replicas) == [0, 1, 2, 3], "the log dirs hold each partition: %r" % replicas)
check(sum(size for _, size in replicas) > COUNT * 10, "and their records' bytes: %r" % replicas)

# DeleteRecords: partition 0 starts two records later; an offset past its end is refused.
p0 = TopicPartition(TOPIC, 0)
reader = KafkaConsumer(bootstrap_servers=BOOTSTRAP)
start, end = reader.beginning_offsets([p0])[p0], reader.end_offsets([p0])[p0]
check(end - start >= 2, "partition 0 holds at least two records: %d..%d" % (start, end))
deleted = admin.delete_records({p0: start + 2})
check(deleted[p0]["low_watermark"] == start + 2, "records deleted: %r" % deleted)
check(reader.beginning_offsets([p0])[p0] == start + 2, "partition 0 starts at %d" % (start + 2))
try:
    admin.delete_records({p0: end + 1})
    check(False, "deleting past the high watermark is refused")
except OffsetOutOfRangeError:
    pass
reader.close()

# ElectLeaders: each partition's only replica leads already, as the broker says.
elected = admin.elect_leaders(0, {TOPIC: [0, 1]})
codes = [p.error_code for t in elected.replica_election_results for p in t.partition_result]
check(codes == [84, 84], "a preferred election is not needed: %r" % elected)

admin.delete_topics([TOPIC])
check(TOPIC not in admin.list_topics(), "the deleted topic is gone")
admin.close()
print("kafka-python: ok, %d records produced idempotently and consumed in a group" % COUNT)
