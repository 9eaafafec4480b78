import { spawn } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createOrg, createUser, demoOrgId, type Harness, login, startHarness } from "./harness.js"

/**
 * Schemathesis (PyPI), the property-based API fuzzer, reads `/api/v1/openapi.json` and sends
 * generated requests, valid and invalid, to every operation, signed in as the owner and as an
 * organisation's admin. The server checks its own answers against the declarations (a mismatch is
 * a 500), and schemathesis checks them against the document: no 5xx, every status, content type and
 * body as documented (the checks are chosen in `tools/schemathesis.toml`). `tools/schemathesis.sh`
 * installs the pinned version on first use.
 * `npm run fuzz:api` is the longer run.
 */
const SCRIPT = fileURLToPath(new URL("../../tools/schemathesis.sh", import.meta.url))
const PASSWORD = "schemathesis-password"
/**
 * Test cases per operation in the fuzzing phase (besides the examples and coverage phases, which
 * try every declared example and boundary): 5 keeps the suite's run near two minutes on two cores;
 * `npm run fuzz:api` runs 200.
 */
const EXAMPLES = Number(process.env.FLEET_SCHEMATHESIS_EXAMPLES ?? "5")

let h: Harness
/** Schemathesis keeps its caches and reports in the folder it runs in: a temporary one, not the repository. */
let workDir = ""
const callers: Array<{ name: string; token: string }> = []
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "fleetcore-schemathesis-"))
  h = await startHarness()
  await createUser(h.fleet, await demoOrgId(h.fleet), "owner", "owner@fuzz.example", PASSWORD)
  callers.push({ name: "owner", token: (await login(h.fleet, "owner@fuzz.example", PASSWORD)).token })
  const other = await createOrg(h.fleet, "fuzz-b", PASSWORD)
  callers.push({ name: "admin", token: (await login(h.fleet, other.email, PASSWORD)).token })
})
afterAll(async () => {
  await h?.close()
  if (workDir !== "") await rm(workDir, { recursive: true, force: true })
})

const run = (args: ReadonlyArray<string>): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, args, {
      cwd: workDir,
      env: { ...process.env, NO_COLOR: "1", SCHEMATHESIS_TELEMETRY: "false", PYTHONUNBUFFERED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, output }))
  })

/** From the first section schemathesis prints after its progress (errors, failures, summary). */
const report = (output: string): string => {
  const start = output.search(/^=+ (ERRORS|FAILURES|WARNINGS|SUMMARY) =+$/mu)
  const from = start === -1 ? output.slice(-4000) : output.slice(start)
  // A crash of the fuzzer itself can print whole source files: the first 8000 characters say enough.
  return from.length > 8000 ? `${from.slice(0, 8000)}\n… (${from.length - 8000} more characters)` : from
}

describe("schemathesis", () => {
  it(
    "finds no server error and no answer that departs from the document, as the owner and as an admin",
    async () => {
      // Both callers at once: the server and the two fuzzers share the machine's cores.
      const runs = await Promise.all(
        callers.map(async (caller) => {
          const started = Date.now()
          const args: Array<string> = [
            "run",
            `${h.fleet.httpUrl}/api/v1/openapi.json`,
            "--header",
            `Authorization: Bearer ${caller.token}`,
            "--phases",
            // The owner tries every operation's examples and boundaries and fuzzes it; the admin of
            // another organisation fuzzes each operation with 2 cases (what it may not do is the
            // permission test's, every role on every endpoint). The admin's boundary phase cost
            // two Python processes on two cores for 220 s and found nothing the owner's did not.
            caller.name === "owner" ? "examples,coverage,fuzzing" : "fuzzing",
            "--max-examples",
            String(caller.name === "owner" ? EXAMPLES : Math.min(EXAMPLES, 2)),
            "--seed",
            "7",
            // One worker thread per run. CPython before 3.11.8 (this machine has 3.11.7) keeps the AST
            // constructor's recursion depth in one per-interpreter counter, so two threads parsing at
            // once (Hypothesis parses sources to describe lambdas) can raise "AST constructor recursion
            // depth mismatch" inside the fuzzer (python/cpython#106905, fixed by #113035).
            "--workers",
            "1",
            "--no-shrink",
            "--suppress-health-check",
            "all",
            "--request-timeout",
            "10",
          ]
          // List exports run their list's own handler on the same query, which both callers fuzz; the
          // owner fuzzes the exports too, the admin of another organisation leaves them out (their
          // refusals are the permission test's).
          if (caller.name === "admin") args.push("--exclude-path-regex", "/export$")
          const { code, output } = await run(args)
          console.log(
            `schemathesis as ${caller.name}: exit ${code} after ${Math.round((Date.now() - started) / 1000)} s`,
          )
          return {
            caller: caller.name,
            exit: code,
            report: code === 0 ? "" : `schemathesis as ${caller.name} (exit ${code}):\n${report(output)}`,
          }
        }),
      )
      const reports = runs.map((r) => r.report).filter((r) => r !== "")
      expect(
        runs.map((r) => ({ caller: r.caller, exit: r.exit })),
        reports.join("\n\n"),
      ).toEqual(callers.map((c) => ({ caller: c.name, exit: 0 })))
    },
    // Two runs side by side, about 500 s for 175 operations on two cores while other test files
    // run; `npm run fuzz:api` raises the examples and so the time.
    Math.max(1_200_000, EXAMPLES * 40_000),
  )
})
