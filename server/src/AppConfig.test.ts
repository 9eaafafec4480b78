import { describe, expect, it } from "vitest"
import { loadConfig } from "./loadConfig.js"

describe("the bus transport in the configuration", () => {
  it("is the embedded log unless FLEET_BUS says kafka", async () => {
    expect((await loadConfig({})).bus).toEqual({ kind: "log" })
    expect((await loadConfig({ FLEET_BUS: "log", FLEET_KAFKA_BROKERS: "ignored" })).bus).toEqual({
      kind: "log",
    })
  })

  it("is Kafka at the brokers FLEET_KAFKA_BROKERS lists", async () => {
    const config = await loadConfig({
      FLEET_BUS: "kafka",
      FLEET_KAFKA_BROKERS: "kafka-1:9092,10.0.0.7:19092,[::1]:9093",
    })
    expect(config.bus).toEqual({ kind: "kafka", brokers: ["kafka-1:9092", "10.0.0.7:19092", "[::1]:9093"] })
  })

  it("refuses kafka without brokers, naming the variable", async () => {
    await expect(loadConfig({ FLEET_BUS: "kafka" })).rejects.toThrow(
      /FLEET_BUS=kafka needs FLEET_KAFKA_BROKERS/,
    )
  })

  it.each([
    "kafka-1",
    "kafka-1:",
    "kafka-1:0",
    "kafka-1:70000",
    "kafka-1:9092,",
    "kafka-1:9092 kafka-2:9092",
    "http://kafka:9092",
  ])("refuses the broker list %j with the expected shape", async (brokers) => {
    await expect(loadConfig({ FLEET_BUS: "kafka", FLEET_KAFKA_BROKERS: brokers })).rejects.toThrow(
      /FLEET_KAFKA_BROKERS must be host:port\[,host:port…\] with ports 1-65535/,
    )
  })

  it("refuses an unknown transport, naming the variable", async () => {
    await expect(loadConfig({ FLEET_BUS: "rabbitmq" })).rejects.toThrow(/FLEET_BUS/)
  })
})

describe("the GT06 port in the configuration", () => {
  it("is 5023 unless FLEET_GT06_PORT says otherwise; 0 turns the listener off", async () => {
    expect((await loadConfig({})).gt06Port).toBe(5023)
    expect((await loadConfig({ FLEET_GT06_PORT: "15023" })).gt06Port).toBe(15023)
    expect((await loadConfig({ FLEET_GT06_PORT: "0" })).gt06Port).toBe(0)
  })

  it.each(["70000", "-1", "50.5", "gt06"])(
    "refuses FLEET_GT06_PORT=%j, naming the variable",
    async (port) => {
      await expect(loadConfig({ FLEET_GT06_PORT: port })).rejects.toThrow(/FLEET_GT06_PORT/)
    },
  )
})

describe("the background threads' nice value in the configuration", () => {
  it("is 10 unless FLEET_BACKGROUND_NICE says otherwise; 0 leaves them level", async () => {
    expect((await loadConfig({})).backgroundNice).toBe(10)
    expect((await loadConfig({ FLEET_BACKGROUND_NICE: "19" })).backgroundNice).toBe(19)
    expect((await loadConfig({ FLEET_BACKGROUND_NICE: "0" })).backgroundNice).toBe(0)
  })

  it.each(["20", "-5", "2.5", "low"])(
    "refuses FLEET_BACKGROUND_NICE=%j, naming the variable",
    async (nice) => {
      await expect(loadConfig({ FLEET_BACKGROUND_NICE: nice })).rejects.toThrow(/FLEET_BACKGROUND_NICE/)
    },
  )
})
