import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { allocateFleetPorts, FleetServerProcess, isAlive, postmasterPid } from "@fleetcore/load-tests"
import { describe, expect, it } from "vitest"
import { DEMO_PASSWORD } from "./harness.js"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// SIGTERM to FleetCore alone (a service manager, `kill`, a container's stop) while it is still
// migrating and seeding: left to Node's default, the process ended at once and its embedded
// PostgreSQL lived on, holding the folder and the port.
describe("a stop asked while FleetCore starts", () => {
  it("is carried out once started: the process exits cleanly and stops its PostgreSQL", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "fleetcore-stop-starting-"))
    const server = FleetServerProcess.spawn({
      repo: join(import.meta.dirname, "..", ".."),
      dataDir,
      ports: await allocateFleetPorts(),
      adminPassword: DEMO_PASSWORD,
      logLevel: "info",
    })
    try {
      // From the moment PostgreSQL runs, FleetCore migrates and seeds its demo for seconds.
      let postmaster: number | null = null
      for (const until = Date.now() + 60_000; postmaster === null && Date.now() < until; await sleep(20))
        postmaster = postmasterPid(dataDir)
      if (postmaster === null) throw new Error("the embedded PostgreSQL did not start")
      server.kill("SIGTERM")
      const exit = await Promise.race([server.exited, sleep(90_000).then(() => null)])
      const log = await readFile(join(dataDir, "server.log"), "utf8")
      expect(log).toContain("SIGTERM while starting")
      expect(exit, log).toMatchObject({ code: 0, signal: null })
      expect(isAlive(postmaster)).toBe(false)
      // Stopped before it said it was ready: nothing told anyone to connect.
      expect(log).not.toContain("is ready in")
    } finally {
      server.signalGroup("SIGKILL")
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
