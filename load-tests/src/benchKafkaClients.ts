import { mkdtempSync, rmSync } from "node:fs"
import { loadavg } from "node:os"
import { parseArgs } from "node:util"
import { startKafkaBroker } from "@fleetcore/platform"
import {
  Admin,
  Consumer,
  compatibilityPartitioner,
  ProduceAcks,
  Producer,
  stringDeserializers,
  stringSerializers,
} from "@platformatic/kafka"
import { Kafka, logLevel } from "kafkajs"
import { makeCommandLine } from "./commandLine.js"
import { machineInfo } from "./machineInfo.js"
import { writeResultsFile } from "./resultsFile.js"

const USAGE = `usage: npm run bench:kafka-clients -- [--records 200000] [--vehicles 2000] [--batch 500]
         [--in-flight 1] [--partitions 8] [--commit-every 5000] [--only platformatic|kafkajs]
Starts its own Kafka broker (infra/kafka, under /tmp/s13-kafka-bench-*), then for each client writes
the same keyed records (~150 bytes, key = vehicle id) in batches with an idempotent acks=all
producer and reads them all back through a consumer group that commits every --commit-every
records (the bus's batch), without stopping the fetch while a commit is in flight. Prints
records/s and client CPU per 1,000 records, and writes load-tests/results/kafka-clients-<time>.json.
--in-flight > 1 sends several batches at once through one idempotent producer: @platformatic/kafka
1.35 fails that with OUT_OF_ORDER_SEQUENCE_NUMBER (the bus sends one request at a time); the
failure is recorded in the results.`

const { number, fail } = makeCommandLine("bench:kafka-clients", USAGE)
const { values } = parseArgs({
  options: {
    records: { type: "string", default: "200000" },
    vehicles: { type: "string", default: "2000" },
    batch: { type: "string", default: "500" },
    "in-flight": { type: "string", default: "1" },
    partitions: { type: "string", default: "8" },
    "commit-every": { type: "string", default: "5000" },
    only: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const records = Math.round(number(values, "records", 1_000, 10_000_000))
const vehicles = Math.round(number(values, "vehicles", 1, 1_000_000))
const batchSize = Math.round(number(values, "batch", 1, 10_000))
const inFlight = Math.round(number(values, "in-flight", 1, 64))
const partitions = Math.round(number(values, "partitions", 1, 256))
const commitEvery = Math.round(number(values, "commit-every", 1, 1_000_000))
const clients = ["platformatic", "kafkajs"] as const
type ClientName = (typeof clients)[number]
if (values.only !== undefined && !clients.includes(values.only as ClientName))
  fail("--only must be platformatic or kafkajs")
const chosen = clients.filter((c) => values.only === undefined || values.only === c)

/** A telemetry record as the ingest publishes it: ~150 bytes of JSON. */
const keys = Array.from(
  { length: vehicles },
  (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
)
const payload = (i: number) =>
  JSON.stringify({
    d: `dev-${i % vehicles}`,
    t: 1_764_000_000_000 + i * 1000,
    la: 43.2 + (i % 997) / 1e4,
    lo: 76.9 + (i % 991) / 1e4,
    sp: i % 120,
    hd: i % 360,
    ig: true,
    od: 123_456.7 + i / 100,
    fl: 55.5,
  })
const messages = Array.from({ length: records }, (_, i) => ({
  key: keys[i % vehicles] as string,
  value: payload(i),
}))
const bytes = messages.reduce((n, m) => n + m.value.length, 0)

interface Phase {
  readonly seconds: number
  readonly recordsPerSecond: number
  readonly cpuMsPer1000: number
}
const measure = async (work: () => Promise<void>): Promise<Phase> => {
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  await work()
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const used = process.cpuUsage(cpu)
  return {
    seconds: Math.round(seconds * 100) / 100,
    recordsPerSecond: Math.round(records / seconds),
    cpuMsPer1000: Math.round(((used.user + used.system) / 1000 / (records / 1000)) * 100) / 100,
  }
}

/** Sends every batch, at most `inFlight` sends at once (as several ingest connections do). */
const produceAll = async (send: (batch: typeof messages) => Promise<void>) => {
  let next = 0
  const lane = async () => {
    while (next < messages.length) {
      const batch = messages.slice(next, next + batchSize)
      next += batchSize
      await send(batch)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
}

const runPlatformatic = async (brokers: string[], topic: string) => {
  const producer = new Producer<string, string, string, string>({
    clientId: "bench-platformatic",
    bootstrapBrokers: brokers,
    serializers: stringSerializers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    partitioner: compatibilityPartitioner,
  })
  const produce = await measure(() =>
    produceAll(async (batch) => {
      await producer.send({ messages: batch.map((m) => ({ topic, key: m.key, value: m.value })) })
    }),
  )
  await producer.close()
  const consumer = new Consumer<string, string, string, string>({
    clientId: "bench-platformatic",
    groupId: `bench-${topic}`,
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
    autocommit: false,
  })
  const consume = await measure(async () => {
    const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: false })
    let seen = 0
    let checksum = 0
    let committing: Promise<void> = Promise.resolve()
    for await (const message of stream) {
      checksum += JSON.parse(message.value).sp as number
      if (++seen % commitEvery === 0 || seen === records)
        committing = committing.then(() => message.commit() as Promise<void>)
      if (seen === records) break
    }
    await committing
    if (checksum < 0) throw new Error("unreachable")
    await stream.close()
  })
  await consumer.close()
  return { produce, consume }
}

const runKafkajs = async (brokers: string[], topic: string) => {
  const kafka = new Kafka({ clientId: "bench-kafkajs", brokers, logLevel: logLevel.NOTHING })
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 })
  await producer.connect()
  const produce = await measure(() =>
    produceAll(async (batch) => {
      await producer.send({ topic, acks: -1, messages: batch })
    }),
  )
  await producer.disconnect()
  const consumer = kafka.consumer({ groupId: `bench-${topic}` })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const consume = await measure(
    () =>
      new Promise<void>((resolve, reject) => {
        let seen = 0
        let checksum = 0
        consumer
          .run({
            // Offsets resolved after each batch (eachBatchAutoResolve), committed every commitEvery.
            autoCommitThreshold: commitEvery,
            eachBatch: async ({ batch }) => {
              for (const m of batch.messages) checksum += JSON.parse(m.value?.toString() ?? "{}").sp as number
              seen += batch.messages.length
              if (seen >= records) resolve()
            },
          })
          .catch(reject)
        if (checksum < 0) reject(new Error("unreachable"))
      }),
  )
  await consumer.disconnect()
  return { produce, consume }
}

const dataDir = mkdtempSync("/tmp/s13-kafka-bench-")
console.log(`starting a Kafka broker in ${dataDir} …`)
const loadBefore = loadavg()
const broker = await startKafkaBroker({ dataDir, partitions, heapMb: 1024 })
const results: Record<string, { produce: Phase; consume: Phase } | { failed: string }> = {}
try {
  const admin = new Admin({ clientId: "bench-admin", bootstrapBrokers: [broker.bootstrap] })
  for (const client of chosen) {
    const topic = `bench.${client}.v1`
    await admin.createTopics({ topics: [topic], partitions, replicas: 1 })
    console.log(
      `${client}: ${records} records (${bytes} bytes of values), ${vehicles} keys, batches of ${batchSize}`,
    )
    const run = client === "platformatic" ? runPlatformatic : runKafkajs
    const r = await run([broker.bootstrap], topic).catch((error: unknown) => {
      const failed =
        error instanceof AggregateError
          ? `${error.message} ${error.errors.map(String).join("; ")}`
          : String(error)
      results[client] = { failed }
      console.log(`  failed: ${failed.slice(0, 300)}`)
      return null
    })
    if (r === null) continue
    results[client] = r
    console.log(
      `  produce ${r.produce.recordsPerSecond} records/s, ${r.produce.cpuMsPer1000} ms CPU per 1,000` +
        ` | consume ${r.consume.recordsPerSecond} records/s, ${r.consume.cpuMsPer1000} ms CPU per 1,000`,
    )
  }
  await admin.close()
} finally {
  await broker.stop()
  rmSync(dataDir, { recursive: true, force: true })
}

const at = new Date().toISOString()
const file = writeResultsFile("kafka-clients", {
  at,
  machine: machineInfo(),
  loadAverage: { before: loadBefore, after: loadavg() },
  workload: {
    records,
    vehicles,
    batchSize,
    inFlight,
    partitions,
    commitEvery,
    valueBytes: bytes,
    acks: "all",
  },
  note: "client CPU only (the broker runs in its own JVM); the machine was shared unless said otherwise",
  results,
})
console.log(`written ${file}`)
