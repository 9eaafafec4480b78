import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  allocateFleetPorts,
  FleetServerProcess,
  isAlive,
  postmasterPid,
  serverLogTail,
  waitUntilReady,
} from "@fleetcore/load-tests"
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

// A terminal's Ctrl-C signals its whole foreground process group. With PostgreSQL in FleetCore's
// group it began a fast shutdown under FleetCore's own, which logged lost connections and a failed
// shutdown step; in a group of its own it is stopped by FleetCore, last.
describe("a Ctrl-C in the terminal FleetCore runs in", () => {
  it("reaches FleetCore alone: it stops cleanly, PostgreSQL last, with nothing logged as a warning or error", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "fleetcore-ctrl-c-"))
    const ports = await allocateFleetPorts()
    const server = FleetServerProcess.spawn({
      repo: join(import.meta.dirname, "..", ".."),
      dataDir,
      ports,
      adminPassword: DEMO_PASSWORD,
    })
    try {
      const ready = await waitUntilReady(server, ports, 90_000)
      expect(ready.ready, serverLogTail(dataDir, 20)).toBe(true)
      const postmaster = postmasterPid(dataDir)
      if (postmaster === null) throw new Error("the embedded PostgreSQL is not running")
      // /proc/<pid>/stat: the fifth field (after the name in parentheses) is the process group.
      const groupOf = async (pid: number) =>
        Number((await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ")[2])
      expect(await groupOf(server.pid)).toBe(server.pid)
      expect(await groupOf(postmaster)).not.toBe(server.pid)

      process.kill(-server.pid, "SIGINT")
      const exit = await Promise.race([server.exited, sleep(90_000).then(() => null)])
      const log = await readFile(join(dataDir, "server.log"), "utf8")
      expect(exit, log).toMatchObject({ code: 0, signal: null })
      expect(isAlive(postmaster)).toBe(false)
      // The server logs at warn (FleetServerProcess's default): a warning or an error is a JSON line.
      // The one expected is the readiness probe's: a TCP connection to the MQTT port that never sent CONNECT.
      const probe = /"why":"no MQTT CONNECT"/u
      expect(log.split("\n").filter((line) => line.startsWith("{") && !probe.test(line))).toEqual([])
    } finally {
      server.signalGroup("SIGKILL")
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
