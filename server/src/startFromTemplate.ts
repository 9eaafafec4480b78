import { execFile } from "node:child_process"
import { createHash } from "node:crypto"
import { mkdir, rename, rm, stat } from "node:fs/promises"
import { join } from "node:path"
import { promisify } from "node:util"
import { type RunningFleetCore, type StartOptions, startFleetCore } from "./FleetCore.js"

const run = promisify(execFile)

/**
 * What a first start writes into its data folder depends on these options alone (the demo seed:
 * its admin password, its scale, its trackers). The simulator writes as it runs and an external
 * PostgreSQL is not in the folder: those start afresh.
 */
const seedKey = (options: StartOptions): string | null => {
  if (options.databaseUrl !== undefined || (options.simulatorVehicles ?? 0) > 0) return null
  const seed = [
    options.demoAdminPassword ?? null,
    options.demoScale ?? "small",
    (options.teltonikaPort ?? 0) !== 0,
    (options.gt06Port ?? 0) !== 0,
  ]
  return createHash("sha256").update(JSON.stringify(seed)).digest("hex").slice(0, 16)
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

/** `cp -a`: PostgreSQL's files keep their owner (the `postgres` user when tests run as root). */
const copyInto = (from: string, to: string) => run("cp", ["-a", `${from}/.`, `${to}/`])

const TEMPLATE_WAIT_MS = 300_000

/**
 * FleetCore started from a copy of a stopped first start with the same seed, kept in `templates`:
 * initdb, the migrations and the demo seed run once per seed instead of once per start (tests start
 * hundreds; each first start costs 10 to 25 s on two cores). The first caller for a seed makes its
 * template (a lock folder keeps two processes from making it twice; the others wait for it).
 * Without `templates`, or for a start that no template can stand for, a plain start.
 */
export const startFleetCoreFromTemplate = async (
  options: StartOptions,
  templates: string | undefined,
): Promise<RunningFleetCore> => {
  const key = seedKey(options)
  if (key === null || templates === undefined) return startFleetCore(options)
  const root = templates
  const template = join(root, key)
  if (!(await exists(template))) {
    const madeLock = await mkdir(`${template}.lock`).then(
      () => true,
      () => false,
    )
    if (madeLock) {
      const first = await startFleetCore(options)
      await first.stop()
      await mkdir(`${template}.tmp`)
      await copyInto(options.dataDir, `${template}.tmp`)
      await rename(`${template}.tmp`, template)
      return startFleetCore(options)
    }
    const deadline = Date.now() + TEMPLATE_WAIT_MS
    while (!(await exists(template)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    if (!(await exists(template))) return startFleetCore(options)
  }
  await rm(options.dataDir, { recursive: true, force: true })
  await mkdir(options.dataDir)
  await copyInto(template, options.dataDir)
  return startFleetCore(options)
}
