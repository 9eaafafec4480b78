import type { FileHandle } from "node:fs/promises"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { PartitionLog } from "./PartitionLog.js"

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleet-partition-"))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/**
 * Makes the active segment's `close` observable and slow: the roll's window held open. On the
 * handle itself (a private field), not by mocking node:fs: test files share their worker's modules.
 */
const holdClose = (log: PartitionLog, holdMs: number) => {
  const handle = (log as unknown as { active: FileHandle }).active
  const close = handle.close.bind(handle)
  const closing = { started: false }
  handle.close = async () => {
    closing.started = true
    await close()
    await new Promise((resolve) => setTimeout(resolve, holdMs))
  }
  return closing
}

describe("partition log", () => {
  it("skips the interval sync while a segment rolls, instead of syncing the handle just closed", async () => {
    const log = await PartitionLog.open({
      dir,
      segmentBytes: 64,
      durability: "interval",
      onDurable: () => {},
    })
    const closing = holdClose(log, 50)
    // One record past the segment size: written, acknowledged, then the segment rolls.
    await log.append([{ pad: "x".repeat(100) }], JSON.stringify)
    while (!closing.started) await new Promise((resolve) => setTimeout(resolve, 1))
    // The bus's 100 ms timer, landing while the old segment is closed and the next not yet open.
    await expect(log.sync()).resolves.toBeUndefined()
    await log.append([{ after: true }], JSON.stringify)
    expect(log.endOffset).toBe(2)
    expect(log.segments.map((s) => s.base)).toEqual([0, 1])
    await log.close()
    // fdatasync on a disk busy with the other test files' databases can take seconds.
  }, 30_000)
})
