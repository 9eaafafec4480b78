import { describe, expect, it } from "vitest"
import type { Tracked } from "../src/ruleOutputs.js"
import { snapshotDue, writeRuleSnapshots, writeRuleSummaries } from "../src/ruleSnapshots.js"
import { initialVehicleRules, unknownProfile } from "../src/VehicleRules.js"
import { useTestFleet } from "./testFleet.js"

const fleet = useTestFleet("snap", 7)

const tracked = (
  vehicleId: string,
  lastTimeMs: number,
  totalM: number,
  summary: { readonly odometerM?: number; readonly tripOpen?: boolean } = {},
): Tracked => ({
  orgId: fleet.orgId,
  vehicleId,
  profile: unknownProfile,
  state: {
    ...initialVehicleRules,
    lastTimeMs,
    days: { "2026-12-05": totalM },
    estimatedOdometerM: summary.odometerM ?? null,
    trips: summary.tripOpen
      ? { ...initialVehicleRules.trips, trip: {} as NonNullable<(typeof initialVehicleRules.trips)["trip"]> }
      : initialVehicleRules.trips,
  },
})

/** The pool, counting the statements it is given and the rows each snapshot document holds. */
const counting = () => {
  const documents: number[] = []
  return {
    documents,
    query: (text: string, values: unknown[]) => {
      documents.push((JSON.parse(values[0] as string) as unknown[]).length)
      return fleet.db.system.query(text, values)
    },
  }
}

const stored = async () =>
  (
    await fleet.db.system.query<{ vehicle_id: string; state: { days: Record<string, number> }; t: number }>(
      "SELECT vehicle_id, state, extract(epoch FROM last_time) * 1000 AS t FROM vehicle_rule_state",
    )
  ).rows.reduce(
    (byVehicle, r) => byVehicle.set(r.vehicle_id, [r.state.days["2026-12-05"], Number(r.t)]),
    new Map<string, [number | undefined, number]>(),
  )

describe("rule-state snapshots", () => {
  it("writes every vehicle's state, a bounded number per statement, and overwrites on the next", async () => {
    const at = Date.UTC(2026, 11, 5, 9)
    const pool = counting()
    await writeRuleSnapshots(
      pool,
      fleet.vehicleIds.map((id, i) => tracked(id, at + i * 1000, 100 * i)),
      3,
    )
    expect(pool.documents).toEqual([3, 3, 1])
    expect(await stored()).toEqual(new Map(fleet.vehicleIds.map((id, i) => [id, [100 * i, at + i * 1000]])))

    await writeRuleSnapshots(pool, [tracked(fleet.vehicleIds[2] as string, at + 60_000, 999)], 3)
    const after = await stored()
    expect(after.get(fleet.vehicleIds[2] as string)).toEqual([999, at + 60_000])
    expect(after.get(fleet.vehicleIds[3] as string)).toEqual([300, at + 3000])
  })

  it("lets the event loop run between statements", async () => {
    let turns = 0
    let counted = true
    const spin = () => {
      turns++
      if (counted) setImmediate(spin)
    }
    setImmediate(spin)
    const perStatement: number[] = []
    await writeRuleSnapshots(
      {
        query: async (text: string, values: unknown[]) => {
          perStatement.push(turns)
          return fleet.db.system.query(text, values)
        },
      },
      fleet.vehicleIds.map((id) => tracked(id, Date.UTC(2026, 11, 5, 10), 1)),
      2,
    )
    counted = false
    // Four statements; each began after the loop had turned since the one before.
    expect(perStatement).toHaveLength(4)
    for (let i = 1; i < perStatement.length; i++)
      expect(perStatement[i] as number).toBeGreaterThan(perStatement[i - 1] as number)
  })

  it("writes a summary beside the state it leaves as it was, and a whole state with its summary", async () => {
    const id = fleet.vehicleIds[4] as string
    const at = Date.UTC(2026, 11, 5, 11)
    await writeRuleSnapshots(fleet.db.system, [tracked(id, at, 10, { odometerM: 5_000, tripOpen: false })])
    await writeRuleSummaries(fleet.db.system, [
      tracked(id, at + 30_000, 20, { odometerM: 5_400, tripOpen: true }),
    ])
    const row = async () =>
      (
        await fleet.db.system.query<{ e: number | null; p: boolean; t: number; total: number }>(
          `SELECT estimated_odometer_m AS e, trip_open AS p, (extract(epoch FROM last_time) * 1000)::float8 AS t,
                  (state #>> '{days,2026-12-05}')::float8 AS total
           FROM vehicle_rule_state WHERE vehicle_id = $1`,
          [id],
        )
      ).rows[0]
    // What the API reads moved on; what the rules restart from is still the snapshot's.
    expect(await row()).toEqual({ e: 5_400, p: true, t: at, total: 10 })
    await writeRuleSnapshots(fleet.db.system, [tracked(id, at + 60_000, 30, { tripOpen: false })])
    expect(await row()).toEqual({ e: null, p: false, t: at + 60_000, total: 30 })
    // A vehicle without a snapshot gets none from a summary (its first whole state is due at once).
    const fresh = fleet.vehicleIds[6] as string
    await fleet.db.system.query("DELETE FROM vehicle_rule_state WHERE vehicle_id = $1", [fresh])
    await writeRuleSummaries(fleet.db.system, [tracked(fresh, at, 1, { odometerM: 1 })])
    expect(
      (await fleet.db.system.query("SELECT 1 FROM vehicle_rule_state WHERE vehicle_id = $1", [fresh]))
        .rowCount,
    ).toBe(0)
  })
})

describe("when a vehicle's whole state is due", () => {
  const minute = 60_000
  it("is at once when this process never wrote it, then after half to all of the interval", () => {
    expect(snapshotDue("a", undefined, 0, minute)).toBe(true)
    expect(snapshotDue("a", 1_000, 1_000 + minute / 2 - 1, minute)).toBe(false)
    expect(snapshotDue("a", 1_000, 1_000 + minute, minute)).toBe(true)
  })

  it("spreads a fleet written together over the interval's second half", () => {
    const ids = Array.from(
      { length: 2_000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    )
    const dueAfter = (id: string) => {
      let s = 0
      while (!snapshotDue(id, 0, s * 1000, minute)) s++
      return s
    }
    const seconds = ids.map(dueAfter)
    expect(Math.min(...seconds)).toBeGreaterThanOrEqual(30)
    expect(Math.max(...seconds)).toBeLessThanOrEqual(60)
    // No second of the half takes more than a few times its share (2,000 / 31 ≈ 65).
    const perSecond = new Map<number, number>()
    for (const s of seconds) perSecond.set(s, (perSecond.get(s) ?? 0) + 1)
    expect(perSecond.size).toBeGreaterThanOrEqual(25)
    expect(Math.max(...perSecond.values())).toBeLessThan(200)
  })
})
