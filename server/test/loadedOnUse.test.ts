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

/** Runs `script` (an ES module's statements) in a Node process of its own; its last line of output. */
const lastLineOf = async (script: string): Promise<string> => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: repo,
    timeout: 60_000,
  })
  return stdout.trim().split("\n").at(-1) ?? ""
}

/**
 * Runs `body` in a Node process of its own, then answers whether that process maps chDB's library
 * (about 150 MiB of resident memory once loaded).
 */
const mapsChdbAfter = async (body: string): Promise<boolean> =>
  (await lastLineOf(`${body}
const { readFileSync } = await import("node:fs")
console.log(readFileSync("/proc/self/maps", "utf8").includes("libchdb") ? "mapped" : "absent")`)) === "mapped"

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

/** The API package's files a process that imports FleetCore has parsed (through its inspector). */
const apiFilesAfterImport = async (): Promise<ReadonlyArray<string>> => {
  const fleetCore = JSON.stringify(join(repo, "server", "dist", "FleetCore.js"))
  const apiDist = JSON.stringify(`${repo}/api/dist/`)
  const line = await lastLineOf(`const { Session } = await import("node:inspector/promises")
const session = new Session()
session.connect()
const parsed = []
session.on("Debugger.scriptParsed", (message) => parsed.push(message.params.url))
await session.post("Debugger.enable")
await import(${fleetCore})
console.log(JSON.stringify(parsed.filter((url) => url.includes(${apiDist}))))`)
  return JSON.parse(line) as string[]
}

describe("the API package", () => {
  it("is loaded by a process without the API role only for what it shares (commands, readiness, metrics)", async () => {
    const files = await apiFilesAfterImport()
    expect(files.some((url) => url.endsWith("/api/dist/shared.js"))).toBe(true)
    expect(
      files.filter((url) => url.endsWith("/api/dist/index.js") || url.includes("/api/dist/routes/")),
    ).toEqual([])
  }, 60_000)
})
