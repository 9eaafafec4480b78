import { spawn } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Topic } from "@fleetcore/proto"
import { describe, expect, it } from "vitest"
import { makeDurableLogBus } from "../src/DurableLogBus.js"
import { makeInProcessBus } from "../src/InProcessBus.js"
import { makeLog } from "../src/Log.js"

// A child process publishes to the durable log (the built package, as FleetCore runs it) and
// prints each sequence number once its publish resolved; the test kills it with SIGKILL mid-stream.
const CHILD = `
import { makeDurableLogBus, makeInProcessBus, makeLog } from "@fleetcore/platform"
const log = makeLog("error")
const bus = makeDurableLogBus({ dir: process.argv[1], partitions: 4, segmentBytes: 64 * 1024, diskBudgetBytes: 1 << 30,
  publishTimeoutMs: 10000, durability: process.argv[2], maxBatch: 500, memoryRecords: 1000, maxLag: 100000, log,
  ephemeral: makeInProcessBus({ partitions: 1, partitionCapacity: 10, maxBatch: 10, log }) })
const topic = { name: "crash.v1", durable: true }
let n = 0
const worker = async (w) => {
  for (;;) {
    const i = n++
    await bus.publish(topic, [{ key: "k" + (i % 16), value: { i, pad: "x".repeat(200) } }])
    process.stdout.write(i + "\\n")
  }
}
for (let w = 0; w < 64; w++) void worker(w)
`

describe("durable log under SIGKILL", () => {
  it.each(["always", "interval"])(
    "keeps every acknowledged record of a process killed mid-write (%s)",
    async (durability) => {
      const dir = await mkdtemp(join(tmpdir(), "fleet-crash-"))
      try {
        const acked = new Set<number>()
        const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD, dir, durability], {
          cwd: join(import.meta.dirname, ".."),
          stdio: ["ignore", "pipe", "inherit"],
        })
        const exited = new Promise((r) => child.once("exit", r))
        // Only whole lines count: the kill can cut the last one short.
        let partial = ""
        for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
          const lines = (partial + chunk.toString("utf8")).split("\n")
          partial = lines.pop() ?? ""
          for (const line of lines) if (/^\d+$/.test(line)) acked.add(Number(line))
          if (acked.size >= 20_000 && child.exitCode === null) child.kill("SIGKILL")
        }
        await exited
        expect(acked.size).toBeGreaterThanOrEqual(20_000)

        const log = makeLog("error")
        const bus = makeDurableLogBus({
          dir,
          partitions: 4,
          segmentBytes: 64 * 1024,
          diskBudgetBytes: 1 << 30,
          publishTimeoutMs: 1_000,
          durability: "always",
          maxBatch: 1_000,
          memoryRecords: 1_000,
          maxLag: 100_000,
          log,
          ephemeral: makeInProcessBus({ partitions: 1, partitionCapacity: 10, maxBatch: 10, log }),
        })
        const topic: Topic<{ i: number }> = { name: "crash.v1", durable: true }
        const seen: number[] = []
        let idle: NodeJS.Timeout | undefined
        const settled = new Promise<void>((resolve) => {
          const arm = () => {
            clearTimeout(idle)
            idle = setTimeout(resolve, 500)
          }
          arm()
          void bus.subscribe(topic, "check", async (batch) => {
            for (const m of batch) seen.push(m.i)
            arm()
          })
        })
        await settled
        await bus.close()
        const stored = new Set(seen)
        expect(stored.size).toBe(seen.length)
        const lost = [...acked].filter((i) => !stored.has(i))
        expect(lost).toEqual([])
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
  )
})
