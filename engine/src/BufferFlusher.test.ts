import { describe, expect, it } from "vitest"
import { BufferFlusher } from "./BufferFlusher.js"

/** A flush that records when it ran and how many rows had been written before it started. */
const recorder = (fail = () => false) => {
  const flushes: number[] = []
  let written = 0
  return {
    flushes,
    wrote: (n: number) => {
      written += n
    },
    flush: async () => {
      flushes.push(written)
      await new Promise((r) => setTimeout(r, 5))
      if (fail()) throw new Error("flush failed")
    },
  }
}

const settled = (p: Promise<void>) => {
  const state = { done: false, failed: false }
  p.then(
    () => {
      state.done = true
    },
    () => {
      state.failed = true
    },
  )
  return state
}

describe("flushing a Buffer table and telling writers when their rows are in the table", () => {
  it("flushes once maxDelayMs after the first row, and only then is a writer's batch durable", async () => {
    const r = recorder()
    const flusher = new BufferFlusher({ flush: r.flush, maxRows: 1_000, maxDelayMs: 60 })
    r.wrote(10)
    flusher.written(10)
    const first = settled(flusher.durable())
    await new Promise((res) => setTimeout(res, 30))
    r.wrote(5)
    flusher.written(5)
    const second = settled(flusher.durable())
    expect(r.flushes).toEqual([])
    expect(first.done).toBe(false)
    await new Promise((res) => setTimeout(res, 60))
    // One flush for both, at 60 ms after the first row: it started after both were written.
    expect(r.flushes).toEqual([15])
    expect(first.done).toBe(true)
    expect(second.done).toBe(true)
  })

  it("flushes at once when maxRows rows wait, and counts the rows not yet in the table", async () => {
    const r = recorder()
    const pending: number[] = []
    const flusher = new BufferFlusher({
      flush: r.flush,
      maxRows: 100,
      maxDelayMs: 60_000,
      onPending: (rows) => pending.push(rows),
    })
    r.wrote(60)
    flusher.written(60)
    r.wrote(40)
    flusher.written(40)
    expect(flusher.pending).toBe(100)
    await flusher.durable()
    expect(r.flushes).toEqual([100])
    expect(flusher.pending).toBe(0)
    expect(pending).toEqual([60, 100, 0])
  })

  it("makes rows written during a flush wait for the next one", async () => {
    const r = recorder()
    const flusher = new BufferFlusher({ flush: r.flush, maxRows: 10, maxDelayMs: 60_000 })
    r.wrote(10)
    flusher.written(10)
    const first = flusher.durable()
    // The first flush is under way (it started when the tenth row was written).
    r.wrote(10)
    flusher.written(10)
    const second = settled(flusher.durable())
    await first
    expect(second.done).toBe(false)
    await new Promise((res) => setTimeout(res, 20))
    expect(r.flushes).toEqual([10, 20])
    expect(second.done).toBe(true)
  })

  it("answers at once when nothing was written, and waits for the flush under way otherwise", async () => {
    const r = recorder()
    const flusher = new BufferFlusher({ flush: r.flush, maxRows: 1, maxDelayMs: 60_000 })
    await flusher.durable()
    expect(r.flushes).toEqual([])
    r.wrote(1)
    flusher.written(1)
    const under = settled(flusher.durable())
    expect(under.done).toBe(false)
    await new Promise((res) => setTimeout(res, 20))
    expect(under.done).toBe(true)
    expect(r.flushes).toEqual([1])
  })

  it("fails the waiting batches when a flush fails, and retries their rows no sooner than maxDelayMs later", async () => {
    let failing = true
    const r = recorder(() => failing)
    const flusher = new BufferFlusher({ flush: r.flush, maxRows: 5, maxDelayMs: 50 })
    r.wrote(5)
    flusher.written(5)
    await expect(flusher.durable()).rejects.toThrow("flush failed")
    failing = false
    await new Promise((res) => setTimeout(res, 20))
    expect(r.flushes).toEqual([5])
    await new Promise((res) => setTimeout(res, 60))
    // The rows left in the buffer went with the retry, without anyone asking.
    expect(r.flushes).toEqual([5, 5])
    await flusher.durable()
  })

  it("flushes at once after hurry(), and close() ends with nothing left", async () => {
    const r = recorder()
    const flusher = new BufferFlusher({ flush: r.flush, maxRows: 1_000, maxDelayMs: 60_000 })
    r.wrote(3)
    flusher.written(3)
    const waiting = settled(flusher.durable())
    flusher.hurry()
    await new Promise((res) => setTimeout(res, 20))
    expect(waiting.done).toBe(true)
    r.wrote(2)
    flusher.written(2)
    await flusher.close()
    expect(r.flushes).toEqual([3, 5])
  })

  it("rejects close() when the last flush fails", async () => {
    const r = recorder(() => true)
    const flusher = new BufferFlusher({ flush: r.flush, maxRows: 1_000, maxDelayMs: 60_000 })
    flusher.written(1)
    await expect(flusher.close()).rejects.toThrow("flush failed")
  })
})
