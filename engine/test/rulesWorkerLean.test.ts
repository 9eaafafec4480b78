import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const WORKER_SCRIPT = fileURLToPath(new URL("../dist/rulesWorker.js", import.meta.url))

/**
 * Run in a bare process (this one has loaded the whole platform): starts the rules thread, waits
 * for its answer to a first call (its modules are loaded by then), prints the native libraries
 * the process holds from node_modules, and ends the thread.
 */
const PROBE = `
import { Worker } from "node:worker_threads"
const worker = new Worker(process.argv[1], {
  workerData: { logLevel: "warn", postgres: { host: "127.0.0.1", port: 1 }, snapshotEveryMs: 60000 },
  execArgv: [],
})
worker.on("message", async (message) => {
  if (message.kind !== "result") return
  const libraries = process.report.getReport().sharedObjects.filter((s) => s.includes("node_modules"))
  console.log(JSON.stringify({ ok: message.ok, libraries }))
  await worker.terminate()
})
worker.postMessage({ kind: "call", id: 0, call: { method: "release", vehicleIds: [] } })
`

describe("the rules thread's modules", () => {
  it("load no native addon, so the thread ends without taking the process down", () => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE, WORKER_SCRIPT], {
      encoding: "utf8",
      timeout: 30_000,
    })
    expect(run.stderr).toBe("")
    // chDB loaded in a worker crashed the process (SIGSEGV) when the thread ended.
    expect([run.status, run.signal]).toEqual([0, null])
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, libraries: [] })
  })
})
