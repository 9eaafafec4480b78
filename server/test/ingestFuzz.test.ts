import { runIngestFuzz } from "@fleetcore/load-tests"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  type Provisioned,
  provision,
  startHarness,
} from "./harness.js"

/** Reproduce a failure with FLEET_FUZZ_SEED=<printed seed>; FLEET_FUZZ_CASES sets the number of mutants. */
const SEED = Number(process.env.FLEET_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const CASES = Number(process.env.FLEET_FUZZ_CASES ?? 10_000)
/** Growth of the whole process (FleetCore, chDB and the fuzzer) allowed over the run. */
const MAX_RSS_GROWTH_BYTES = 400 * 1024 * 1024

let h: Harness
let target: Provisioned
let valid: Provisioned

const metric = async (name: string, labels: Record<string, string> = {}): Promise<number> => {
  const text = await (await fetch(`${h.fleet.httpUrl}/metrics`)).text()
  let sum = 0
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      sum += Number(line.split(" ").at(-1))
  }
  return sum
}

beforeAll(async () => {
  h = await startHarness()
  const admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  target = await provision(admin, "fuzz-target", "FUZZ 001")
  valid = await provision(admin, "fuzz-valid", "FUZZ 002")
})
afterAll(async () => {
  await h?.close()
})

describe("ingest fuzz", () => {
  it(`survives ${CASES} mutated MQTT 3.1.1 / 5 packets and HTTP bodies (seed ${SEED})`, async () => {
    console.log(`ingest fuzz: seed ${SEED} (FLEET_FUZZ_SEED=${SEED} reproduces), ${CASES} cases`)
    const rssBefore = process.memoryUsage().rss
    const url = new URL(h.fleet.mqttUrl)
    const report = await runIngestFuzz({
      httpUrl: h.fleet.httpUrl,
      mqttHost: url.hostname,
      mqttPort: Number(url.port),
      target: { deviceId: target.deviceId, secret: target.secret },
      valid: { deviceId: valid.deviceId, secret: valid.secret },
      seed: SEED,
      cases: CASES,
      concurrency: 8,
    })
    const rssGrowth = process.memoryUsage().rss - rssBefore
    console.log(
      JSON.stringify({
        ...report,
        valid: { ...report.valid, timesMs: undefined },
        rssGrowthMb: rssGrowth / 2 ** 20,
      }),
    )

    // The process is up and answers.
    expect((await fetch(`${h.fleet.httpUrl}/healthz`)).status).toBeLessThan(500)
    // No input was answered "resend later" (HTTP 5xx, PUBACK 0x80): only a failing bus may say that.
    expect(report.resendAnswers).toBe(0)
    expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH_BYTES)

    // Every valid point acknowledged between the mutants is stored.
    expect(report.valid.acknowledged).toBeGreaterThan(20)
    expect(report.valid.acknowledged).toBe(report.valid.sent)
    await eventually(
      async () => {
        const rows = await h.fleet.ch.query<{ n: string }>(
          `SELECT count() AS n FROM positions FINAL
           WHERE device_id = {d:String} AND has({t:Array(Int64)}, toUnixTimestamp64Milli(time))`,
          { d: valid.deviceId, t: report.valid.timesMs },
        )
        return Number(rows[0]?.n) === report.valid.acknowledged ? true : undefined
      },
      30_000,
      `${report.valid.acknowledged} valid points stored`,
    )

    // Every refusal is counted: each refused payload or point is on the dead-letter table, and
    // every HTTP 4xx for a payload moved the rejected counter; connection refusals have their own.
    const rejected = await metric("fleet_ingest_points_rejected_total")
    const httpPayloadRefusals = Object.entries(report.answers)
      .filter(([answer]) => /^http:4(09|13|22):FLEET_INGEST_/.test(answer))
      .reduce((sum, [, n]) => sum + n, 0)
    expect(await metric("fleet_ingest_points_rejected_total", { transport: "http" })).toBeGreaterThanOrEqual(
      httpPayloadRefusals,
    )
    expect(await metric("fleet_ingest_refusals_total", { transport: "mqtt" })).toBeGreaterThan(0)
    await eventually(
      async () => {
        const rows = await h.fleet.ch.query<{ n: string }>("SELECT count() AS n FROM dead_letters")
        return Number(rows[0]?.n) === rejected ? true : undefined
      },
      30_000,
      `${rejected} dead letters`,
    )
  })
})
