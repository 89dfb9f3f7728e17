"""confluent-kafka's AdminClient against kplay serve on what Kafka 4.x answers and a simpler
broker might not: every topic config Kafka has (not only those kplay acts on), APPEND and
SUBTRACT on list configs, a topic named twice in one CreateTopics, group type filters and
authorized operations; and records stamped too far ahead refused, as Kafka 4 refuses them.

Usage: admin_configs.py BOOTSTRAP TOPIC
"""

import sys
import time

from confluent_kafka import (Consumer, ConsumerGroupType, KafkaError, KafkaException, Producer,
                             TopicCollection, TopicPartition)
from confluent_kafka.admin import (AclOperation, AdminClient, AlterConfigOpType, ConfigEntry,
                                   ConfigResource, ConfigSource, NewTopic, OffsetSpec)

BOOTSTRAP, TOPIC = sys.argv[1], sys.argv[2]


def check(ok, what):
    if not ok:
        sys.exit("admin-configs: " + what)


def failure(future):
    """The KafkaError a future failed with, or None if it succeeded."""
    try:
        future.result(10)
    except KafkaException as e:
        return e.args[0]
    return None


admin = AdminClient({"bootstrap.servers": BOOTSTRAP})


def describe(topic):
    return list(admin.describe_configs([ConfigResource("topic", topic)]).values())[0].result(10)


# Configs kplay has nothing to do with are still Kafka's: accepted, validated, described.
created = admin.create_topics([NewTopic(TOPIC, num_partitions=2, replication_factor=1, config={
    "compression.type": "zstd", "max.compaction.lag.ms": "60000", "preallocate": "true"})])
check(failure(created[TOPIC]) is None, "a topic with compression.type=zstd is created")
configs = describe(TOPIC)
check(configs["compression.type"].value == "zstd", "compression.type is described as set")
check(configs["compression.type"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value,
      "compression.type is the topic's own: %r" % configs["compression.type"].source)
check(configs["segment.index.bytes"].value == "10485760", "Kafka's default segment.index.bytes")
check(configs["message.timestamp.after.max.ms"].value == "3600000",
      "Kafka 4's default message.timestamp.after.max.ms")
check(len(configs) >= 30, "every topic config is described, not a dozen: %d" % len(configs))
# librdkafka always asks for synonyms: the topic's override, then the broker config behind it.
lag = configs["max.compaction.lag.ms"].synonyms
check(set(lag) == {"max.compaction.lag.ms", "log.cleaner.max.compaction.lag.ms"},
      "max.compaction.lag.ms's synonyms: %r" % lag)
check(lag["log.cleaner.max.compaction.lag.ms"].source == ConfigSource.DEFAULT_CONFIG.value,
      "the broker config is at Kafka's default")
check(list(configs["segment.bytes"].synonyms) == ["log.segment.bytes"],
      "segment.bytes's synonym: %r" % configs["segment.bytes"].synonyms)

bad = admin.create_topics([NewTopic(TOPIC + "-bad", 1, 1, config={"compression.type": "brotli"})])
error = failure(bad[TOPIC + "-bad"])
check(error is not None and error.code() == KafkaError.INVALID_CONFIG,
      "compression.type=brotli is INVALID_CONFIG: %r" % error)
tiered = admin.create_topics([NewTopic(TOPIC + "-tiered", 1, 1,
                                       config={"remote.storage.enable": "true"})])
error = failure(tiered[TOPIC + "-tiered"])
check(error is not None and "Tiered Storage" in error.str(),
      "remote.storage.enable=true is refused, as on a broker without tiered storage: %r" % error)

# APPEND and SUBTRACT act on list configs, from the default when the topic has no override.
def alter(*entries):
    resource = ConfigResource("topic", TOPIC, incremental_configs=list(entries))
    return failure(list(admin.incremental_alter_configs([resource]).values())[0])


check(alter(ConfigEntry("cleanup.policy", "compact",
                        incremental_operation=AlterConfigOpType.APPEND)) is None, "APPEND compact")
check(describe(TOPIC)["cleanup.policy"].value in ("delete,compact", "compact,delete"),
      "cleanup.policy is delete and compact: %r" % describe(TOPIC)["cleanup.policy"].value)
check(alter(ConfigEntry("cleanup.policy", "delete",
                        incremental_operation=AlterConfigOpType.SUBTRACT)) is None, "SUBTRACT delete")
check(describe(TOPIC)["cleanup.policy"].value == "compact", "cleanup.policy is compact alone")
error = alter(ConfigEntry("retention.ms", "5", incremental_operation=AlterConfigOpType.APPEND))
check(error is not None and error.code() == KafkaError.INVALID_CONFIG
      and "because its type is not LIST" in error.str(), "APPEND to a LONG: %r" % error)

# A topic named twice in one request is created neither time, and answered once.
twice = admin.create_topics([NewTopic(TOPIC + "-twice", 1, 1), NewTopic(TOPIC + "-twice", 2, 1)])
error = failure(twice[TOPIC + "-twice"])
check(error is not None and error.code() == KafkaError.INVALID_REQUEST,
      "a duplicated name is INVALID_REQUEST: %r" % error)
check(TOPIC + "-twice" not in admin.list_topics(timeout=10).topics, "nor is it created")

# ListOffsets still answers a partition asked for once (twice is INVALID_REQUEST: tests/wire.rs).
tp = TopicPartition(TOPIC, 0)
once = admin.list_offsets({tp: OffsetSpec.latest()})
check(once[tp].result(10).offset == 0, "the empty partition's latest offset is 0")

# Kafka 4 refuses records stamped more than message.timestamp.after.max.ms (an hour) ahead.
# (The topic is compacted by now, so the records need keys.)
reports = []
producer = Producer({"bootstrap.servers": BOOTSTRAP})
now_ms = int(time.time() * 1000)
producer.produce(TOPIC, key=b"k", value=b"now", timestamp=now_ms,
                 on_delivery=lambda e, m: reports.append(e))
producer.flush(10)
producer.produce(TOPIC, key=b"k", value=b"later", timestamp=now_ms + 2 * 3600 * 1000,
                 on_delivery=lambda e, m: reports.append(e))
producer.flush(10)
check(reports[0] is None, "a record stamped now is written: %r" % reports[0])
check(reports[1] is not None and reports[1].code() == KafkaError.INVALID_TIMESTAMP,
      "a record stamped two hours ahead is INVALID_TIMESTAMP: %r" % reports[1:])

# Groups: the classic type is listed under its filter and not under the consumer protocol's.
consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": TOPIC + "-group",
                     "auto.offset.reset": "earliest"})
consumer.subscribe([TOPIC])
for _ in range(100):
    consumer.poll(0.1)
    if consumer.assignment():
        break
check(consumer.assignment(), "the consumer joins its group")


def listed(**filters):
    result = admin.list_consumer_groups(**filters).result(10)
    return {g.group_id: g for g in result.valid}


group = TOPIC + "-group"
check(group in listed(), "the group is listed")
classic = listed(types={ConsumerGroupType.CLASSIC})
check(group in classic and classic[group].type == ConsumerGroupType.CLASSIC,
      "the group is listed as classic: %r" % classic)
check(group not in listed(types={ConsumerGroupType.CONSUMER}),
      "no group here uses the consumer protocol")

# No authorizer, so every operation Kafka supports on each resource type is authorized.
described = admin.describe_consumer_groups([group], include_authorized_operations=True)[group].result(10)
check(set(described.authorized_operations or []) ==
      {AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE,
       AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS},
      "the group's authorized operations: %r" % described.authorized_operations)
topics = admin.describe_topics(TopicCollection([TOPIC]), include_authorized_operations=True)
topic = topics[TOPIC].result(10)
check(AclOperation.WRITE in (topic.authorized_operations or [])
      and AclOperation.ALTER_CONFIGS in topic.authorized_operations,
      "the topic's authorized operations: %r" % topic.authorized_operations)
consumer.close()

print("admin-configs: ok")
