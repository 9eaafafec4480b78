import type { FileHandle } from "node:fs/promises"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

/** Segment handles whose `close` is observable and slow: the roll's window held open. */
const closing = vi.hoisted(() => ({ started: 0, holdMs: 0 }))
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>()
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args)
      const close = handle.close.bind(handle)
      handle.close = async () => {
        closing.started++
        await close()
        await new Promise((resolve) => setTimeout(resolve, closing.holdMs))
      }
      return handle as FileHandle
    },
  }
})

const { PartitionLog } = await import("./PartitionLog.js")

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleet-partition-"))
})
afterEach(async () => {
  closing.holdMs = 0
  await rm(dir, { recursive: true, force: true })
})

describe("partition log", () => {
  it("skips the interval sync while a segment rolls, instead of syncing the handle just closed", async () => {
    const log = await PartitionLog.open({
      dir,
      segmentBytes: 64,
      durability: "interval",
      onDurable: () => {},
    })
    closing.holdMs = 50
    const before = closing.started
    // One record past the segment size: written, acknowledged, then the segment rolls.
    await log.append([JSON.stringify({ pad: "x".repeat(100) })], [1])
    while (closing.started === before) await new Promise((resolve) => setTimeout(resolve, 1))
    // The bus's 100 ms timer, landing while the old segment is closed and the next not yet open.
    await expect(log.sync()).resolves.toBeUndefined()
    await log.append([JSON.stringify({ after: true })], [2])
    expect(log.endOffset).toBe(2)
    expect(log.segments.map((s) => s.base)).toEqual([0, 1])
    await log.close()
  })
})
