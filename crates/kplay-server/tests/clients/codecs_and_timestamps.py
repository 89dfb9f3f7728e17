"""Compressed batches and LogAppendTime from real clients: librdkafka produces with each codec and
reads back what kplay serves (the producer's bytes); kafka-python, which checks every batch's
CRC, reads the gzip topic and a LogAppendTime topic, whose batches kplay re-encodes with the
broker's timestamps.

Usage: codecs_and_timestamps.py BOOTSTRAP
"""

import sys
import time

from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic
from kafka import KafkaConsumer

BOOTSTRAP = sys.argv[1]
COUNT = 50


def check(ok, what):
    if not ok:
        sys.exit("codecs and timestamps: " + what)


def produce(topic, compression, timestamp=0):
    producer = Producer({"bootstrap.servers": BOOTSTRAP, "compression.type": compression,
                         "linger.ms": 20})
    for i in range(COUNT):
        producer.produce(topic, key="key-%d" % i, value=("value-%d " % i) * 20, timestamp=timestamp)
    check(producer.flush(15) == 0, "%s: every record delivered" % topic)


def consume_librdkafka(topic):
    consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": topic + "-reader",
                         "auto.offset.reset": "earliest", "check.crcs": True})
    consumer.subscribe([topic])
    values, deadline = [], time.time() + 30
    while len(values) < COUNT and time.time() < deadline:
        message = consumer.poll(0.5)
        if message is not None:
            check(message.error() is None, "%s: %s" % (topic, message.error()))
            values.append(message.value().decode())
    consumer.close()
    return values


def consume_kafka_python(topic):
    consumer = KafkaConsumer(topic, bootstrap_servers=BOOTSTRAP, auto_offset_reset="earliest",
                             check_crcs=True, consumer_timeout_ms=15000)
    messages = []
    for message in consumer:
        messages.append(message)
        if len(messages) == COUNT:
            break
    consumer.close()
    return messages


expected = [("value-%d " % i) * 20 for i in range(COUNT)]
for codec in ["none", "gzip", "snappy", "lz4", "zstd"]:
    topic = "codec-" + codec
    produce(topic, codec)
    check(consume_librdkafka(topic) == expected, "%s: the records as produced" % topic)
    print("codec %s: ok" % codec)

gzip = consume_kafka_python("codec-gzip")
check([m.value.decode() for m in gzip] == expected, "kafka-python reads the gzip batches")

admin = AdminClient({"bootstrap.servers": BOOTSTRAP})
topic = NewTopic("log-append", num_partitions=1, replication_factor=1,
                 config={"message.timestamp.type": "LogAppendTime"})
for future in admin.create_topics([topic]).values():
    future.result(10)
before = int(time.time() * 1000)
produce("log-append", "lz4", timestamp=1_000_000_000_000)  # the producer says September 2001
messages = consume_kafka_python("log-append")
check([m.value.decode() for m in messages] == expected, "kafka-python reads the re-encoded batches")
check(all(m.timestamp_type == 1 for m in messages), "every record carries LogAppendTime")
check(all(m.timestamp >= before for m in messages), "the broker's clock, not the producer's")
print("codecs and timestamps: ok")
