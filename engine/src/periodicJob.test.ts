import { Effect, Exit, Scope } from "effect"
import { describe, expect, it } from "vitest"
import { periodicJob } from "./periodicJob.js"

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe("periodicJob", () => {
  it("finishes the round under way when its scope closes, and starts none after", async () => {
    const events: string[] = []
    let rounds = 0
    const scope = Effect.runSync(Scope.make())
    // A shutdown step registered before the job: the scope runs it after the job has stopped.
    Effect.runSync(
      Scope.addFinalizer(
        scope,
        Effect.sync(() => events.push("shutdown")),
      ),
    )
    await Effect.runPromise(
      Scope.provide(scope)(
        periodicJob(
          "snapshot",
          1,
          async () => {
            const round = ++rounds
            events.push(`start ${round}`)
            await sleep(40)
            events.push(`end ${round}`)
          },
          { failed: () => undefined, finished: () => undefined },
        ),
      ),
    )
    await sleep(10)
    await Effect.runPromise(Scope.close(scope, Exit.void))
    await sleep(60)

    expect(events).toEqual(["start 1", "end 1", "shutdown"])
  })

  it("keeps going after a failed round, and reports each", async () => {
    const failures: string[] = []
    const finished: string[] = []
    let rounds = 0
    const scope = Effect.runSync(Scope.make())
    await Effect.runPromise(
      Scope.provide(scope)(
        periodicJob(
          "offline check",
          1,
          async () => {
            rounds += 1
            if (rounds === 1) throw new Error("pool is away")
          },
          { failed: (what) => failures.push(what), finished: (what) => finished.push(what) },
        ),
      ),
    )
    await expect.poll(() => rounds, { timeout: 2_000 }).toBeGreaterThanOrEqual(3)
    await Effect.runPromise(Scope.close(scope, Exit.void))

    expect(failures).toEqual(["offline check"])
    expect(finished.length).toBeGreaterThanOrEqual(2)
  })
})
