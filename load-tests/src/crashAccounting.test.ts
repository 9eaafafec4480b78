import { describe, expect, it } from "vitest"
import { accountCrashRun, type StoredDevice } from "./crashAccounting.js"
import { type DeviceLedger, PointLedger } from "./PointLedger.js"

/** Two devices, 10 points each at t = 1000, 1001, …; odometers 5000 + seq and 9000 + 2·seq. */
const makeLedger = () => {
  const ledger = new PointLedger(["d1", "d2"], (i) => ({ startM: i === 0 ? 5000 : 9000, stepM: i + 1 }))
  for (const d of ledger.devices) for (let i = 0; i < 10; i++) d.next(1000 + i)
  return ledger
}
const ack = (d: DeviceLedger, seqs: ReadonlyArray<number>) => {
  for (const s of seqs) d.acknowledge(s)
}
const storedOf = (d: DeviceLedger, seqs: ReadonlyArray<number>, rows: (seq: number) => number = () => 1) =>
  ({
    deviceId: d.deviceId,
    times: seqs.map((s) => d.timeAt(s)),
    rows: seqs.map(rows),
    odometers: seqs.map((s) => d.odometerAt(s)),
  }) satisfies StoredDevice
const vehicles = new Map([
  ["d1", "v1"],
  ["d2", "v2"],
])
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe("accountCrashRun", () => {
  it("finds nothing wrong when every acknowledged point is stored once and mileage spans them", () => {
    const ledger = makeLedger()
    const [d1, d2] = ledger.devices as [DeviceLedger, DeviceLedger]
    ack(d1, range(0, 9))
    ack(d2, range(0, 7))
    const result = accountCrashRun(
      ledger,
      {
        devices: [storedOf(d1, range(0, 9)), storedOf(d2, range(0, 8))],
        finalRows: 19,
        mileageByVehicle: { v1: 9, v2: 16 },
      },
      vehicles,
    )
    expect(result).toMatchObject({
      sent: 20,
      acknowledged: 18,
      storedDistinct: 19,
      storedRows: 19,
      duplicateRows: 0,
      lost: 0,
      storedNotAcknowledged: 1,
      storedNeverSent: 0,
      odometerMismatches: 0,
      lostSample: [],
    })
    expect(result.mileage).toMatchObject({ expectedM: 25, storedM: 25, maxAbsDiffM: 0, off: [] })
  })

  it("counts acknowledged points that are missing as lost, and a lost last point in the mileage", () => {
    const ledger = makeLedger()
    const [d1, d2] = ledger.devices as [DeviceLedger, DeviceLedger]
    ack(d1, range(0, 9))
    ack(d2, range(0, 9))
    // d1 lost 4 and 5 (inside the span: mileage unchanged); d2 lost its last point 9.
    const result = accountCrashRun(
      ledger,
      {
        devices: [storedOf(d1, [0, 1, 2, 3, 6, 7, 8, 9]), storedOf(d2, range(0, 8))],
        finalRows: 17,
        mileageByVehicle: { v1: 9, v2: 16 },
      },
      vehicles,
    )
    expect(result.lost).toBe(3)
    expect(result.lostSample).toEqual([
      { deviceId: "d1", timeMs: 1004 },
      { deviceId: "d1", timeMs: 1005 },
      { deviceId: "d2", timeMs: 1009 },
    ])
    expect(result.lostByDevice).toEqual([
      { deviceId: "d1", lost: 2, firstMs: 1004, lastMs: 1005 },
      { deviceId: "d2", lost: 1, firstMs: 1009, lastMs: 1009 },
    ])
    expect(result.mileage.off).toEqual([{ deviceId: "d2", vehicleId: "v2", expectedM: 18, storedM: 16 }])
    expect(result.mileage.maxAbsDiffM).toBe(2)
    expect(result.mileage.sumAbsDiffM).toBe(2)
  })

  it("attributes lost points to the kill that followed them, or to the final stop", () => {
    const ledger = makeLedger()
    const [d1, d2] = ledger.devices as [DeviceLedger, DeviceLedger]
    ack(d1, range(0, 9))
    ack(d2, range(0, 9))
    // Kills at 1002.5 and 1006.5: d1 lost 1, 2 (kill 1) and 9 (after the last kill); d2 lost 5 (kill 2).
    const result = accountCrashRun(
      ledger,
      {
        devices: [storedOf(d1, [0, 3, 4, 5, 6, 7, 8]), storedOf(d2, [0, 1, 2, 3, 4, 6, 7, 8, 9])],
        finalRows: 16,
        mileageByVehicle: {},
      },
      vehicles,
      [1002.5, 1006.5],
    )
    expect(result.lostByKill).toEqual([
      { kill: 1, lost: 2 },
      { kill: 2, lost: 1 },
      { kill: null, lost: 1 },
    ])
  })

  it("counts duplicate rows, points never sent and odometers that changed on the way", () => {
    const ledger = makeLedger()
    const [d1, d2] = ledger.devices as [DeviceLedger, DeviceLedger]
    ack(d1, [0, 1])
    const s1 = storedOf(d1, [0, 1], (seq) => (seq === 1 ? 3 : 1))
    const result = accountCrashRun(
      ledger,
      {
        devices: [
          { ...s1, odometers: [5000, 4999] },
          { deviceId: d2.deviceId, times: [5000], rows: [1], odometers: [1] },
        ],
        finalRows: 3,
        mileageByVehicle: { v1: 1 },
      },
      vehicles,
    )
    expect(result).toMatchObject({
      storedDistinct: 2,
      storedRows: 4,
      duplicateRows: 2,
      storedNeverSent: 1,
      odometerMismatches: 1,
      lost: 0,
    })
    // d2 has nothing acknowledged or stored from the benchmark: nothing expected, none found.
    expect(result.mileage.off).toEqual([])
  })

  it("refuses to account a device whose vehicle it does not know", () => {
    const ledger = makeLedger()
    expect(() =>
      accountCrashRun(ledger, { devices: [], finalRows: 0, mileageByVehicle: {} }, new Map([["d1", "v1"]])),
    ).toThrow(/d2/)
  })
})
