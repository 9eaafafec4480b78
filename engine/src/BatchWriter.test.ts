import { describe, expect, it } from "vitest"
import { BatchWriter } from "./BatchWriter.js"

describe("BatchWriter", () => {
  it("writes by size without waiting for the timer", async () => {
    const writes: number[][] = []
    const w = new BatchWriter<number>({
      write: async (rows) => void writes.push([...rows]),
      maxRows: 3,
      maxDelayMs: 60_000,
    })
    await Promise.all([w.add([1, 2]), w.add([3])])
    expect(writes).toEqual([[1, 2, 3]])
  })

  it("writes by time when the batch stays small", async () => {
    const writes: number[][] = []
    const w = new BatchWriter<number>({
      write: async (rows) => void writes.push([...rows]),
      maxRows: 1000,
      maxDelayMs: 10,
    })
    const started = Date.now()
    await w.add([1])
    expect(writes).toEqual([[1]])
    expect(Date.now() - started).toBeGreaterThanOrEqual(9)
  })

  it("groups rows that arrive during a write into the next write", async () => {
    const writes: number[][] = []
    let release: () => void = () => undefined
    const w = new BatchWriter<number>({
      write: async (rows) => {
        writes.push([...rows])
        if (writes.length === 1) await new Promise<void>((r) => (release = r))
      },
      maxRows: 1,
      maxDelayMs: 10,
    })
    const first = w.add([1])
    await new Promise((r) => setTimeout(r, 5))
    const later = Promise.all([w.add([2]), w.add([3])])
    release()
    await Promise.all([first, later])
    expect(writes).toEqual([[1], [2, 3]])
  })

  it("writes rows that waited through a write at once when their time is up, not after a new delay", async () => {
    const writes: Array<{ rows: number[]; atMs: number }> = []
    let release: () => void = () => undefined
    const w = new BatchWriter<number>({
      write: async (rows) => {
        writes.push({ rows: [...rows], atMs: Date.now() })
        if (writes.length === 1) await new Promise<void>((r) => (release = r))
      },
      maxRows: 1000,
      maxDelayMs: 200,
    })
    const first = w.add([1])
    await new Promise((r) => setTimeout(r, 250)) // the first write runs from 200 ms
    const arrivedMs = Date.now()
    const second = w.add([2])
    await new Promise((r) => setTimeout(r, 300)) // row 2's 200 ms pass while the write runs
    const releasedMs = Date.now()
    release()
    await Promise.all([first, second])
    expect(writes.map((x) => x.rows)).toEqual([[1], [2]])
    const secondWrite = writes[1] as { atMs: number }
    expect(secondWrite.atMs - arrivedMs).toBeGreaterThanOrEqual(290)
    // Before, row 2 waited another 200 ms after the write it had already waited through.
    expect(secondWrite.atMs - releasedMs).toBeLessThan(100)
  })

  it("fails every caller of a failed write, and later writes still run", async () => {
    let fail = true
    const w = new BatchWriter<number>({
      write: async () => {
        if (fail) throw new Error("down")
      },
      maxRows: 2,
      maxDelayMs: 5,
    })
    await expect(Promise.all([w.add([1]), w.add([2])])).rejects.toThrow("down")
    fail = false
    await expect(w.add([3])).resolves.toBeUndefined()
  })

  it("keeps only the latest row per key when told how rows are keyed", async () => {
    const writes: Array<ReadonlyArray<readonly [string, number]>> = []
    const w = new BatchWriter<readonly [string, number]>({
      write: async (rows) => void writes.push([...rows]),
      maxRows: 1000,
      maxDelayMs: 5,
      keyOf: (row) => row[0],
    })
    await Promise.all([
      w.add([
        ["a", 1],
        ["b", 1],
      ]),
      w.add([["a", 2]]),
      w.add([
        ["a", 3],
        ["c", 1],
      ]),
    ])
    expect(writes).toEqual([
      [
        ["a", 3],
        ["b", 1],
        ["c", 1],
      ],
    ])
  })
})
