"""Transactions against kplay serve, with confluent-kafka (librdkafka) and kafka-python:

- a transactional producer commits one transaction and aborts another; a read_committed
  consumer reads only the committed records, a read_uncommitted one reads them all;
- consume-transform-produce: records read in a group are written to another topic and the
  group's offsets committed in the same transactions (send_offsets_to_transaction);
- a second producer with the same transactional.id fences the first, whose open transaction is
  aborted and whose commit fails;
- kafka-python's transactional producer, read back by a read_committed kafka-python consumer,
  and its admin client's list_transactions, describe_transactions and describe_producers.

Usage: transactions.py BOOTSTRAP TOPIC
Exits non-zero, saying why, on the first thing that is not as Kafka would have it.
"""

import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from kafka import KafkaConsumer, KafkaProducer
from kafka import TopicPartition as KafkaTopicPartition
from kafka.admin import KafkaAdminClient

BOOTSTRAP, TOPIC = sys.argv[1], sys.argv[2]
SOURCE, SINK, GROUP = TOPIC + "-in", TOPIC + "-out", TOPIC + "-transformer"


def check(ok, what):
    if not ok:
        sys.exit("transactions: " + what)


def read_all(topic, isolation, expected, seconds=20):
    """Every value in `topic` a fresh consumer at `isolation` reads, once it has `expected`."""
    consumer = Consumer({
        "bootstrap.servers": BOOTSTRAP,
        "group.id": "%s-%s-reader" % (topic, isolation),
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": isolation,
    })
    consumer.subscribe([topic])
    values, deadline = [], time.time() + seconds
    while time.time() < deadline:
        message = consumer.poll(0.2)
        if message is not None and not message.error():
            values.append(message.value().decode())
        elif len(values) >= expected:
            break
    consumer.close()
    return sorted(values)


admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
topics = [NewTopic(name, num_partitions=2, replication_factor=3) for name in (TOPIC, SOURCE, SINK)]
for future in admin.create_topics(topics).values():
    future.result(10)

# Commit one transaction, abort the next.
producer = Producer({"bootstrap.servers": BOOTSTRAP, "transactional.id": TOPIC + "-app"})
producer.init_transactions(10)
producer.begin_transaction()
for i in range(10):
    producer.produce(TOPIC, key="key-%d" % i, value="committed-%d" % i)
producer.commit_transaction(10)
producer.begin_transaction()
for i in range(5):
    producer.produce(TOPIC, key="key-%d" % i, value="aborted-%d" % i)
producer.flush(10)
producer.abort_transaction(10)
committed = read_all(TOPIC, "read_committed", 10)
check(committed == sorted("committed-%d" % i for i in range(10)),
      "read_committed reads the committed records only: %r" % committed)
everything = read_all(TOPIC, "read_uncommitted", 15)
check(len(everything) == 15, "read_uncommitted reads aborted records too: %r" % everything)

# Consume-transform-produce, exactly once.
source = Producer({"bootstrap.servers": BOOTSTRAP})
for i in range(20):
    source.produce(SOURCE, key="key-%d" % i, value="%d" % i)
check(source.flush(10) == 0, "the source records were delivered")
consumer = Consumer({
    "bootstrap.servers": BOOTSTRAP,
    "group.id": GROUP,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
    "isolation.level": "read_committed",
})
consumer.subscribe([SOURCE])
transformed, deadline = 0, time.time() + 30
while transformed < 20 and time.time() < deadline:
    messages = [m for m in consumer.consume(10, 0.5) if not m.error()]
    if not messages:
        continue
    producer.begin_transaction()
    for m in messages:
        producer.produce(SINK, key=m.key(), value=b"x" + m.value())
    positions = consumer.position(consumer.assignment())
    producer.send_offsets_to_transaction(positions, consumer.consumer_group_metadata(), 10)
    producer.commit_transaction(10)
    transformed += len(messages)
check(transformed == 20, "transformed %d of 20 records" % transformed)
offsets = consumer.committed([TopicPartition(SOURCE, 0), TopicPartition(SOURCE, 1)], 10)
check(sum(o.offset for o in offsets) == 20, "the group's offsets were committed with them: %r"
      % [o.offset for o in offsets])
consumer.close()
sunk = read_all(SINK, "read_committed", 20)
check(sunk == sorted("x%d" % i for i in range(20)), "each record transformed once: %r" % sunk)

# A new instance with the same transactional.id fences the old one.
producer.begin_transaction()
producer.produce(TOPIC, key="zombie", value="zombie")
producer.flush(10)
successor = Producer({"bootstrap.servers": BOOTSTRAP, "transactional.id": TOPIC + "-app"})
successor.init_transactions(10)
try:
    producer.commit_transaction(10)
    check(False, "the fenced producer's commit fails")
except KafkaException as e:
    check(e.args[0].fatal() or "fenced" in str(e).lower(), "fenced: %s" % e)
check("zombie" not in read_all(TOPIC, "read_committed", 10), "the zombie's record is aborted")

# kafka-python.
kp_topic = TOPIC + "-kafka-python"
for future in admin.create_topics([NewTopic(kp_topic, 1, 1)]).values():
    future.result(10)
kp = KafkaProducer(bootstrap_servers=BOOTSTRAP, transactional_id=TOPIC + "-kafka-python")
kp.init_transactions()
kp.begin_transaction()
for i in range(3):
    kp.send(kp_topic, b"kept-%d" % i)
kp.flush()
# What kafka-transactions.sh shows: the open transaction at its coordinator, and the producer
# at the partition's leader.
kp_admin = KafkaAdminClient(bootstrap_servers=BOOTSTRAP)
kp_id = TOPIC + "-kafka-python"
listed = [t for ts in kp_admin.list_transactions().values() for t in ts]
check(any(t.transactional_id == kp_id and t.state.value == "Ongoing" for t in listed),
      "the open transaction is listed: %r" % listed)
described = kp_admin.describe_transactions([kp_id])[kp_id]
check(described.state.value == "Ongoing" and described.topic_partitions == {KafkaTopicPartition(kp_topic, 0)},
      "the open transaction is described: %r" % (described,))
kp_tp = KafkaTopicPartition(kp_topic, 0)
producers = kp_admin.describe_producers([kp_tp])[kp_tp]
check([p.current_transaction_start_offset for p in producers.active_producers] == [0],
      "the partition's producer has a transaction open at offset 0: %r" % (producers,))
kp.commit_transaction()
check(kp_admin.describe_transactions([kp_id])[kp_id].state.value == "CompleteCommit",
      "the transaction is described as committed")
kp_admin.close()
kp.begin_transaction()
kp.send(kp_topic, b"dropped")
kp.flush()
kp.abort_transaction()
kp.close()
reader = KafkaConsumer(kp_topic, bootstrap_servers=BOOTSTRAP, auto_offset_reset="earliest",
                       isolation_level="read_committed", consumer_timeout_ms=3000)
kept = [m.value for m in reader]
reader.close()
check(kept == [b"kept-0", b"kept-1", b"kept-2"], "kafka-python read_committed: %r" % kept)

print("transactions: ok, commits and aborts, exactly-once consume-transform-produce, fencing, "
      "and kafka-python")
