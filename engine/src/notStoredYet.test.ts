import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ChdbLayer, ClickHouse, type ClickHouseClient } from "@fleetcore/platform"
import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { Effect, ManagedRuntime } from "effect"
import { afterAll, beforeAll, expect, it } from "vitest"
import { notStoredYet } from "./notStoredYet.js"
import { POSITION_COLUMNS, positionRow } from "./positionRow.js"

const dir = mkdtempSync(join(tmpdir(), "fleet-not-stored-"))
const runtime = ManagedRuntime.make(ChdbLayer(dir))
let ch: ClickHouseClient

beforeAll(async () => {
  ch = await runtime.runPromise(Effect.service(ClickHouse))
})

afterAll(async () => {
  await runtime.dispose()
  rmSync(dir, { recursive: true, force: true })
})

const ORG = "0b5e1a52-6f0e-4c55-9a53-7d5c1c0d3a01" as OrgId
const OTHER_ORG = "6a1f3e7c-2b44-4f0a-8d3e-11c2b3a4d5e6" as OrgId
const CAR = "11111111-1111-4111-8111-111111111111" as VehicleId
const VAN = "22222222-2222-4222-8222-222222222222" as VehicleId
const T0 = Date.UTC(2026, 11, 6, 8)

const point = (vehicleId: VehicleId, deviceId: string, timeMs: number, orgId = ORG): TelemetryRecord => ({
  orgId,
  vehicleId,
  deviceId: deviceId as DeviceId,
  timeMs,
  receivedAtMs: timeMs + 50,
  lat: 43.2,
  lon: 76.9,
})

it("leaves out the points `positions` holds, by vehicle, device and time, and keeps the rest in order", async () => {
  await ch.insert(
    "positions",
    POSITION_COLUMNS,
    [point(CAR, "car-1", T0), point(CAR, "car-1", T0 + 1_000), point(VAN, "van-1", T0 + 1_000)].map(
      positionRow,
    ),
  )
  const replayed = [
    point(CAR, "car-1", T0),
    point(VAN, "van-1", T0),
    point(CAR, "car-1", T0 + 1_000),
    point(CAR, "car-2", T0 + 1_000), // the same time from another device of the car: a point of its own
    point(VAN, "van-1", T0 + 1_000),
    point(CAR, "car-1", T0 + 2_000),
  ]
  expect(await notStoredYet(ch, replayed)).toEqual([
    point(VAN, "van-1", T0),
    point(CAR, "car-2", T0 + 1_000),
    point(CAR, "car-1", T0 + 2_000),
  ])
})

it("looks only inside the records' organisations, and answers an empty batch without a query", async () => {
  await ch.insert(
    "positions",
    POSITION_COLUMNS,
    [point(CAR, "car-9", T0 + 5_000, OTHER_ORG)].map(positionRow),
  )
  const mine = [point(CAR, "car-9", T0 + 5_000)]
  expect(await notStoredYet(ch, mine)).toEqual(mine)
  expect(await notStoredYet(ch, [])).toEqual([])
})
