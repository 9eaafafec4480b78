import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "vitest"

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const dataDir = mkdtempSync(join(tmpdir(), "fleetcore-chdb-on-use-"))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/**
 * Runs `body` (an ES module's statements) in a Node process of its own, then answers whether that
 * process maps chDB's library (about 150 MiB of resident memory once loaded).
 */
const mapsChdbAfter = async (body: string): Promise<boolean> => {
  const script = `${body}
const { readFileSync } = await import("node:fs")
console.log(readFileSync("/proc/self/maps", "utf8").includes("libchdb") ? "mapped" : "absent")`
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: repo,
    timeout: 60_000,
  })
  return stdout.trim().split("\n").at(-1) === "mapped"
}

describe("chDB's library", () => {
  it("is not loaded by a process that only imports FleetCore (an ingest process, or one with a ClickHouse server)", async () => {
    expect(
      await mapsChdbAfter(`await import(${JSON.stringify(join(repo, "server", "dist", "FleetCore.js"))})`),
    ).toBe(false)
  }, 60_000)

  it("is loaded when chDB is opened", async () => {
    const platform = JSON.stringify(join(repo, "platform", "dist", "ClickHouseLive.js"))
    expect(
      await mapsChdbAfter(`const { makeChdb } = await import(${platform})
const ch = await makeChdb(${JSON.stringify(dataDir)})
await ch.close()`),
    ).toBe(true)
  }, 60_000)
})
