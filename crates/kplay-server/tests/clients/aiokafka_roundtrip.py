"""aiokafka (asyncio, and only non-flexible request versions) against kplay serve: admin create,
list and describe, an idempotent producer sending one by one and as a whole batch, two consumers
in one group splitting the partitions with manual commits, and the second one taking over from
the first's committed offsets when it leaves; then offset lookups and admin calls on the group.

Usage: aiokafka_roundtrip.py BOOTSTRAP TOPIC
Exits non-zero, saying why, on the first thing that is not as Kafka would have it.
"""

import asyncio
import sys

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

BOOTSTRAP, TOPIC = sys.argv[1], sys.argv[2]
GROUP = TOPIC + "-group"
PARTITIONS = 3
COUNT = 60


def check(ok, what):
    if not ok:
        sys.exit("aiokafka: " + what)


def consumer(name):
    return AIOKafkaConsumer(
        TOPIC,
        bootstrap_servers=BOOTSTRAP,
        group_id=GROUP,
        client_id=name,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        heartbeat_interval_ms=300,
    )


async def read_until(members, want, seen, seconds=30):
    """Reads with every member in turn, committing after each batch, until `want` values."""
    deadline = asyncio.get_running_loop().time() + seconds
    while len(seen) < want:
        check(asyncio.get_running_loop().time() < deadline,
              "read %d of %d records in time" % (len(seen), want))
        for name, member in members.items():
            batches = await member.getmany(timeout_ms=100)
            for messages in batches.values():
                seen.extend((name, int(m.value)) for m in messages)
            if batches:
                await member.commit()


async def main():
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    await admin.create_topics([NewTopic(TOPIC, num_partitions=PARTITIONS, replication_factor=1)])
    check(TOPIC in await admin.list_topics(), "the created topic is listed")

    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, enable_idempotence=True,
                                acks="all", compression_type="gzip")
    await producer.start()
    sent = [await producer.send_and_wait(TOPIC, b"%d" % i, key=b"key-%d" % i)
            for i in range(COUNT // 2)]
    check(len({(m.partition, m.offset) for m in sent}) == COUNT // 2, "each record its own offset")
    batch = producer.create_batch()
    for i in range(COUNT // 2, COUNT):
        batch.append(key=None, value=b"%d" % i, timestamp=None)
    await (await producer.send_batch(batch, TOPIC, partition=0))
    await producer.stop()

    a, b = consumer("a"), consumer("b")
    await a.start()
    await b.start()
    seen = []
    members = {"a": a, "b": b}
    # Both must be in the group, its rebalance over, before either reads: the group coordination
    # runs in the background, and each member's view changes when its own SyncGroup answers.
    def split():
        mine, theirs = a.assignment(), b.assignment()
        return mine and theirs and len(mine) + len(theirs) == len(mine | theirs) == PARTITIONS

    deadline = asyncio.get_running_loop().time() + 30
    while not split():
        check(asyncio.get_running_loop().time() < deadline,
              "the partitions split: %r / %r" % (a.assignment(), b.assignment()))
        await asyncio.sleep(0.05)
    await read_until(members, COUNT, seen)
    check({name for name, _ in seen} == {"a", "b"}, "both members read")

    await b.stop()  # commits nothing more, leaves: a takes over b's partitions
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP)
    await producer.start()
    for i in range(COUNT, 2 * COUNT):
        await producer.send(TOPIC, b"%d" % i, key=b"key-%d" % i)
    await producer.stop()
    await read_until({"a": a}, 2 * COUNT, seen)
    check(len(a.assignment()) == PARTITIONS, "a took over every partition")
    values = sorted(v for _, v in seen)
    check(values == list(range(2 * COUNT)), "each record read exactly once: %d read, %d distinct"
          % (len(values), len(set(values))))

    tps = [TopicPartition(TOPIC, p) for p in range(PARTITIONS)]
    ends = await a.end_offsets(tps)
    check(sum(ends.values()) == 2 * COUNT, "the end offsets add up: %r" % ends)
    check([await a.committed(tp) for tp in tps] == [ends[tp] for tp in tps],
          "the group committed every end offset")
    check(set((await a.beginning_offsets(tps)).values()) == {0}, "every log starts at 0")
    first = await a.offsets_for_times({tp: 0 for tp in tps})
    check(all(first[tp].offset == 0 for tp in tps), "timestamp 0 finds offset 0: %r" % first)
    await a.stop()

    check((GROUP, "consumer") in await admin.list_consumer_groups(), "the group is listed")
    described = (await admin.describe_consumer_groups([GROUP]))[0].groups[0]
    check(described[2] == "Empty", "the group is empty after both left: %r" % (described,))
    offsets = await admin.list_consumer_group_offsets(GROUP)
    check({tp: o.offset for tp, o in offsets.items()} == ends, "the admin reads the commits")
    await admin.delete_topics([TOPIC])
    check(TOPIC not in await admin.list_topics(), "the deleted topic is gone")
    await admin.close()
    print("aiokafka: ok, %d records split between two consumers and then one, none lost or read "
          "twice" % len(values))


asyncio.run(main())
