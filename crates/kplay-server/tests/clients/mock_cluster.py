"""Starts librdkafka's in-process mock cluster (through confluent-kafka), prints its bootstrap
address on one line, and keeps it up until standard input closes. A peer to measure kplay serve
against: other processes (kcat) can connect to it, and it creates topics when asked.

Usage: mock_cluster.py
"""

import sys

from confluent_kafka import Producer

holder = Producer({"test.mock.num.brokers": 1})
broker = next(iter(holder.list_topics(timeout=10).brokers.values()))
print("%s:%d" % (broker.host, broker.port), flush=True)
sys.stdin.read()
