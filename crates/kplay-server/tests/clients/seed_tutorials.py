"""The seed tutorials' kafka-python programs, as the tutorials write them, against kplay serve.

Two changes only: the bootstrap server is the one given (the tutorials say localhost:9092), and
the tutorials' endless consumer loops stop once they have read what was produced.

Usage: seed_tutorials.py BOOTSTRAP (e.g. localhost:9092)
"""

import sys
from json import dumps, loads

from kafka import KafkaConsumer, KafkaProducer

BOOTSTRAP = sys.argv[1]


def check(ok, what):
    if not ok:
        sys.exit("seed tutorials: " + what)


# "Kafka with Python on Windows": a producer of two messages, then a consumer with no group.
producer = KafkaProducer(bootstrap_servers=BOOTSTRAP)
producer.send('sample', b'Hello, World!')
producer.send('sample', key=b'message-two', value=b'This is Kafka-Python')
print('sended')
producer.flush()
producer.close()

consumer = KafkaConsumer('sample', bootstrap_servers=BOOTSTRAP, auto_offset_reset='earliest',
                         group_id=None, consumer_timeout_ms=15000)
received = []
for message in consumer:
    print(message)
    received.append((message.key, message.value))
    if len(received) == 2:
        break
consumer.close()
check(received == [(None, b'Hello, World!'), (b'message-two', b'This is Kafka-Python')],
      "the two messages, in order: %r" % received)

# "Inter APIs communication using Kafka": JSON values, and a consumer that decodes them.
producer = KafkaProducer(bootstrap_servers=[BOOTSTRAP],
                         value_serializer=lambda x: dumps(x).encode('utf-8'))
for e in range(10):
    data = {'number': e}
    producer.send('topic_test', value=data)
producer.flush()
producer.close()

consumer = KafkaConsumer(
    'topic_test',
    bootstrap_servers=[BOOTSTRAP],
    auto_offset_reset='earliest',
    enable_auto_commit=True,
    value_deserializer=lambda x: loads(x.decode('utf-8')),
    consumer_timeout_ms=15000,
)
numbers = []
for event in consumer:
    event_data = event.value
    print(event_data)
    numbers.append(event_data['number'])
    if len(numbers) == 10:
        break
consumer.close()
check(sorted(numbers) == list(range(10)), "the ten JSON events: %r" % numbers)
print("seed tutorials: ok")
