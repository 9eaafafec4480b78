import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll } from "vitest"
import { makeDurableLogBus } from "../src/DurableLogBus.js"
import { makeInProcessBus } from "../src/InProcessBus.js"
import { makeLog } from "../src/Log.js"
import { busContract } from "./busContract.js"

/* The embedded durable log under the contract the Kafka transport keeps too (busContract.kafka.test.ts). */
const log = makeLog("fatal")
let dir = ""
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleet-contract-log-"))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

busContract("the embedded durable log", () => ({
  open: async () =>
    makeDurableLogBus({
      dir,
      partitions: 4,
      segmentBytes: 1024 * 1024,
      diskBudgetBytes: 64 * 1024 * 1024,
      publishTimeoutMs: 1_000,
      durability: "interval",
      maxBatch: 25,
      memoryRecords: 1_000,
      maxLag: 100_000,
      log,
      ephemeral: makeInProcessBus({ partitions: 4, partitionCapacity: 100, maxBatch: 25, log }),
    }),
  // The owner of the log is abandoned unclosed; what a publish resolved for is in the OS already.
  crash: async () => undefined,
  sharesGroups: false,
  partitions: 4,
}))
