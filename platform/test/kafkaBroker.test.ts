import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  Admin,
  Consumer,
  ProduceAcks,
  Producer,
  stringDeserializers,
  stringSerializers,
} from "@platformatic/kafka"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type KafkaBroker, startKafkaBroker } from "./kafkaBroker.js"

/*
 * The project provisions a real Apache Kafka broker (KRaft, single node) from Maven Central and
 * starts it for tests: what the Kafka transport and its crash tests will run against. Here: an
 * idempotent producer with acks=all writes keyed records to a partitioned topic, a consumer group
 * reads every one back, each key always from the same partition, in the order it was written.
 */
describe("a Kafka broker provisioned by the project", () => {
  let dataDir: string
  let broker: KafkaBroker

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-kafka-"))
    broker = await startKafkaBroker({ dataDir, partitions: 4 })
  }, 600_000)

  afterAll(async () => {
    await broker?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("takes keyed records with acks=all and gives each key's records back in order from one partition", async () => {
    const topic = "fleet.telemetry.test"
    const admin = new Admin({ clientId: "test-admin", bootstrapBrokers: [broker.bootstrap] })
    await admin.createTopics({ topics: [topic], partitions: 4, replicas: 1 })
    await admin.close()

    const producer = new Producer({
      clientId: "test-producer",
      bootstrapBrokers: [broker.bootstrap],
      serializers: stringSerializers,
      idempotent: true,
      acks: ProduceAcks.ALL,
    })
    const vehicles = Array.from({ length: 12 }, (_, i) => `vehicle-${i}`)
    const sent = vehicles.flatMap((key) =>
      Array.from({ length: 25 }, (_, n) => ({ topic, key, value: `${key}#${n}` })),
    )
    for (let i = 0; i < sent.length; i += 50) await producer.send({ messages: sent.slice(i, i + 50) })
    await producer.close()

    const consumer = new Consumer({
      clientId: "test-consumer",
      groupId: "test-engine",
      bootstrapBrokers: [broker.bootstrap],
      deserializers: stringDeserializers,
    })
    const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: true })
    const received: Array<{ key: string; value: string; partition: number }> = []
    for await (const message of stream) {
      received.push({ key: message.key, value: message.value, partition: message.partition })
      if (received.length === sent.length) break
    }
    await stream.close()
    await consumer.close()

    expect(received).toHaveLength(sent.length)
    for (const key of vehicles) {
      const mine = received.filter((r) => r.key === key)
      expect(mine.map((r) => r.value)).toEqual(Array.from({ length: 25 }, (_, n) => `${key}#${n}`))
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1)
    }
    // Twelve keys spread over more than one of the four partitions.
    expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1)
  }, 120_000)
})
