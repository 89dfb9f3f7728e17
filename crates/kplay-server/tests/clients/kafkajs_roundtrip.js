// KafkaJS (Node.js; its own partitioner and its own group code) against kplay serve: admin
// create, list, metadata and configs, an idempotent producer with gzip and headers, two consumers
// in one group splitting the partitions with manual commits, and the first taking over when the
// second leaves; then offset lookups, DeleteRecords, a committed and an aborted transaction read
// back read_committed, and the group's and topic's deletion.
//
// Usage: node kafkajs_roundtrip.js BOOTSTRAP TOPIC   (kafkajs resolved through NODE_PATH)
// Exits non-zero, saying why, on the first thing that is not as Kafka would have it.

'use strict'
const { Kafka, logLevel, CompressionTypes, Partitioners } = require('kafkajs')

const [BOOTSTRAP, TOPIC] = process.argv.slice(2)
const GROUP = `${TOPIC}-group`
const PARTITIONS = 3
const COUNT = 60

const kafka = new Kafka({ clientId: 'kplay-test', brokers: [BOOTSTRAP], logLevel: logLevel.NOTHING })

function check (ok, what) {
  if (!ok) {
    console.error(`kafkajs: ${what}`)
    process.exit(1)
  }
}

async function waitFor (done, what, seconds = 30) {
  const deadline = Date.now() + seconds * 1000
  while (!done()) {
    check(Date.now() < deadline, `timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const read = [] // [member, value]
const assigned = { a: new Set(), b: new Set() }

async function member (name) {
  // A member hears of a rebalance from a heartbeat, sent between fetches: short long polls.
  const consumer = kafka.consumer({ groupId: GROUP, heartbeatInterval: 300, maxWaitTimeInMs: 200 })
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assigned[name] = new Set(payload.memberAssignment[TOPIC] || [])
  })
  await consumer.connect()
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      read.push([name, Number(message.value.toString())])
      check(message.headers.source.toString() === 'kafkajs', 'the header came back')
      const next = (BigInt(message.offset) + 1n).toString()
      await consumer.commitOffsets([{ topic: TOPIC, partition, offset: next }])
    }
  })
  return consumer
}

async function produce (from, to) {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner
  })
  await producer.connect()
  const messages = []
  for (let i = from; i < to; i++) {
    messages.push({ key: `key-${i}`, value: `${i}`, headers: { source: 'kafkajs' } })
  }
  const acks = await producer.send({ topic: TOPIC, acks: -1, compression: CompressionTypes.GZIP, messages })
  check(acks.every((a) => a.errorCode === 0), `every partition acknowledged: ${JSON.stringify(acks)}`)
  await producer.disconnect()
}

async function main () {
  const admin = kafka.admin()
  await admin.connect()
  check(await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] }), 'created')
  check((await admin.listTopics()).includes(TOPIC), 'the created topic is listed')
  const { topics } = await admin.fetchTopicMetadata({ topics: [TOPIC] })
  check(topics[0].partitions.length === PARTITIONS, 'the metadata has every partition')
  const cluster = await admin.describeCluster()
  check(cluster.brokers.length === 3 && cluster.controller !== null, 'three brokers and a controller')
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: 2, name: TOPIC }]
  })
  const policy = configs.resources[0].configEntries.find((e) => e.configName === 'cleanup.policy')
  check(policy && policy.configValue === 'delete', 'cleanup.policy is described')

  const a = await member('a')
  const b = await member('b')
  // Each member's view changes when its own SyncGroup answers: wait until the two agree.
  const split = () => assigned.a.size > 0 && assigned.b.size > 0 &&
    assigned.a.size + assigned.b.size === PARTITIONS &&
    new Set([...assigned.a, ...assigned.b]).size === PARTITIONS
  await waitFor(split, 'the partitions to be split between a and b')
  await produce(0, COUNT)
  await waitFor(() => read.length >= COUNT, 'the first round')

  await b.disconnect() // leaves the group: a takes over b's partitions
  await produce(COUNT, 2 * COUNT)
  await waitFor(() => assigned.a.size === PARTITIONS && read.length >= 2 * COUNT, 'a to read the rest')
  await a.disconnect()
  const values = read.map(([, v]) => v).sort((x, y) => x - y)
  check(values.length === 2 * COUNT && values.every((v, i) => v === i),
    `each record read exactly once: ${values.length} read, ${new Set(values).size} distinct`)
  check(new Set(read.slice(0, COUNT).map(([m]) => m)).size === 2, 'both members read the first round')

  const ends = await admin.fetchTopicOffsets(TOPIC)
  check(ends.reduce((sum, p) => sum + Number(p.high), 0) === 2 * COUNT, 'the end offsets add up')
  const [committed] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
  for (const { partition, high } of ends) {
    const mine = committed.partitions.find((p) => p.partition === partition)
    check(mine.offset === high, `partition ${partition}: committed ${mine.offset}, end ${high}`)
  }
  const described = await admin.describeGroups([GROUP])
  check(described.groups[0].state === 'Empty', 'the group is empty after both left')

  const full = ends.find((p) => Number(p.high) >= 2)
  await admin.deleteTopicRecords({ topic: TOPIC, partitions: [{ partition: full.partition, offset: '2' }] })
  const after = await admin.fetchTopicOffsets(TOPIC)
  check(after.find((p) => p.partition === full.partition).low === '2', 'the log now starts at 2')

  // A transaction that commits a group's offsets with its records, and one that aborts.
  const txProducer = kafka.producer({ transactionalId: `${TOPIC}-tx`, maxInFlightRequests: 1, idempotent: true })
  await txProducer.connect()
  let tx = await txProducer.transaction()
  await tx.send({ topic: TOPIC, messages: [{ key: 'tx', value: String(2 * COUNT), headers: { source: 'kafkajs' } }] })
  await tx.sendOffsets({ consumerGroupId: `${GROUP}-tx`, topics: [{ topic: TOPIC, partitions: [{ partition: 0, offset: '1' }] }] })
  await tx.commit()
  tx = await txProducer.transaction()
  await tx.send({ topic: TOPIC, messages: [{ key: 'tx', value: '-1', headers: { source: 'kafkajs' } }] })
  await tx.abort()
  await txProducer.disconnect()
  const [txOffsets] = await admin.fetchOffsets({ groupId: `${GROUP}-tx`, topics: [TOPIC] })
  check(txOffsets.partitions.find((p) => p.partition === 0).offset === '1', 'the transaction committed the offset')
  const txRead = []
  const reader = kafka.consumer({ groupId: `${GROUP}-reader`, readUncommitted: false, maxWaitTimeInMs: 200 })
  await reader.connect()
  await reader.subscribe({ topic: TOPIC, fromBeginning: true })
  await reader.run({ eachMessage: async ({ message }) => { txRead.push(Number(message.value.toString())) } })
  await waitFor(() => txRead.includes(2 * COUNT), 'the committed transactional record')
  await reader.disconnect()
  check(!txRead.includes(-1), 'read_committed skips the aborted record')

  await admin.deleteGroups([GROUP])
  check(!(await admin.listGroups()).groups.some((g) => g.groupId === GROUP), 'the group is deleted')
  await admin.deleteTopics({ topics: [TOPIC] })
  check(!(await admin.listTopics()).includes(TOPIC), 'the deleted topic is gone')
  await admin.disconnect()
  console.log(`kafkajs: ok, ${values.length} records split between two consumers and then one, ` +
    'none lost or read twice')
}

main().catch((e) => check(false, `${e.name}: ${e.message}`))
