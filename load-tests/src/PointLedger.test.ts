import { describe, expect, it } from "vitest"
import { DeviceLedger, PointLedger } from "./PointLedger.js"

describe("DeviceLedger", () => {
  it("gives strictly increasing times even when the clock stands still or steps back", () => {
    const d = new DeviceLedger("crash-0001", { startM: 5000, stepM: 1 })
    const times = [1000, 1000, 999, 1003.7, 1002].map((now) => d.next(now).timeMs)
    expect(times).toEqual([1000, 1001, 1002, 1003, 1004])
  })

  it("fixes each point's odometer by its sequence number", () => {
    const d = new DeviceLedger("crash-0001", { startM: 5000, stepM: 2 })
    const points = [0, 1, 2].map((i) => d.next(1000 + i))
    expect(points.map((p) => [p.seq, p.odometerM])).toEqual([
      [0, 5000],
      [1, 5002],
      [2, 5004],
    ])
  })

  it("counts an acknowledgement once and finds points by time", () => {
    const d = new DeviceLedger("crash-0001", { startM: 0, stepM: 1 })
    for (let i = 0; i < 3000; i++) d.next(10_000 + i * 3)
    d.acknowledge(7)
    d.acknowledge(7)
    d.acknowledge(2999)
    expect(d.sent).toBe(3000)
    expect(d.acknowledged).toBe(2)
    expect(d.isAcknowledged(7)).toBe(true)
    expect(d.isAcknowledged(8)).toBe(false)
    expect(d.seqOf(10_000 + 2999 * 3)).toBe(2999)
    expect(d.seqOf(10_000 + 21)).toBe(7)
    expect(d.seqOf(10_001)).toBe(-1)
    expect(d.seqOf(9_000)).toBe(-1)
  })

  it("refuses to acknowledge a point that was never sent", () => {
    const d = new DeviceLedger("crash-0001", { startM: 0, stepM: 1 })
    d.next(1)
    expect(() => d.acknowledge(1)).toThrow(RangeError)
  })
})

describe("PointLedger", () => {
  it("sums sent and acknowledged points over its devices", () => {
    const ledger = new PointLedger(["a", "b"], (i) => ({ startM: i * 1000, stepM: 1 }))
    const [a, b] = ledger.devices as [DeviceLedger, DeviceLedger]
    a.next(1)
    a.next(2)
    b.next(1)
    b.acknowledge(0)
    expect(ledger.sent).toBe(3)
    expect(ledger.acknowledged).toBe(1)
    expect(b.odometerAt(0)).toBe(1000)
  })
})
