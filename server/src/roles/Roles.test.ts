import { describe, expect, it } from "vitest"
import { loadConfig } from "../loadConfig.js"
import { parseRoles } from "./Roles.js"

const scaleOut = {
  FLEET_BUS: "kafka",
  FLEET_KAFKA_BROKERS: "kafka-1:9092",
  DATABASE_URL: "postgres://fleet:secret@pg:5432/fleet",
  FLEET_JWT_SECRET: "a-secret-of-at-least-thirty-two-bytes!!",
}

describe("the roles of a process", () => {
  it("are every role unless FLEET_ROLES names some", async () => {
    expect((await loadConfig({})).roles).toEqual(["ingest", "engine", "api"])
    expect((await loadConfig({ FLEET_ROLES: "all" })).roles).toEqual(["ingest", "engine", "api"])
    expect((await loadConfig({ ...scaleOut, FLEET_ROLES: "api,engine" })).roles).toEqual(["engine", "api"])
    expect(parseRoles("ingest")).toEqual(["ingest"])
  })

  it("refuses a list that names something else, naming the variable", async () => {
    await expect(loadConfig({ FLEET_ROLES: "engine,web" })).rejects.toThrow(/FLEET_ROLES/)
    expect(() => parseRoles("all,engine")).toThrow(/roles must be/)
  })

  it("runs roles apart only on Kafka: the embedded log is one process's folder", async () => {
    await expect(loadConfig({ FLEET_ROLES: "ingest" })).rejects.toThrow(
      /FLEET_ROLES=ingest needs FLEET_BUS=kafka/,
    )
    const { FLEET_BUS: _, ...onLog } = scaleOut
    await expect(loadConfig({ ...onLog, FLEET_ROLES: "engine,api" })).rejects.toThrow(/needs FLEET_BUS=kafka/)
  })

  it("needs a PostgreSQL server and a shared signing secret apart", async () => {
    const { DATABASE_URL: _, ...noDatabase } = scaleOut
    await expect(loadConfig({ ...noDatabase, FLEET_ROLES: "ingest" })).rejects.toThrow(/needs DATABASE_URL/)
    const { FLEET_JWT_SECRET: __, ...noSecret } = scaleOut
    await expect(loadConfig({ ...noSecret, FLEET_ROLES: "ingest" })).rejects.toThrow(/needs FLEET_JWT_SECRET/)
  })

  it("keeps the engine and the API together on chDB, apart only with CLICKHOUSE_URL", async () => {
    await expect(loadConfig({ ...scaleOut, FLEET_ROLES: "engine" })).rejects.toThrow(/needs CLICKHOUSE_URL/)
    await expect(loadConfig({ ...scaleOut, FLEET_ROLES: "api" })).rejects.toThrow(/needs CLICKHOUSE_URL/)
    expect((await loadConfig({ ...scaleOut, FLEET_ROLES: "engine,api" })).roles).toEqual(["engine", "api"])
    expect((await loadConfig({ ...scaleOut, FLEET_ROLES: "ingest" })).roles).toEqual(["ingest"])
    const apart = { ...scaleOut, CLICKHOUSE_URL: "http://clickhouse:8123" }
    expect((await loadConfig({ ...apart, FLEET_ROLES: "engine" })).roles).toEqual(["engine"])
  })
})
