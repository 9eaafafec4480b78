import { mkdir, open, readFile, unlink } from "node:fs/promises"
import { join } from "node:path"
import { processAlive as alive } from "@fleetcore/platform"

const isNode = (pid: number): Promise<boolean> =>
  readFile(`/proc/${pid}/cmdline`, "utf8").then(
    (cmd) => cmd.includes("node"),
    // Without /proc, a live pid is taken as a live FleetCore.
    () => true,
  )

/**
 * Takes the data folder for this process: one FleetCore per folder, since the bus log, chDB and
 * the embedded PostgreSQL are not shared. A lock left by a process that died (kill -9) is taken
 * over; that is what lets the embedded PostgreSQL it left behind be stopped safely.
 * Returns the release.
 */
export const lockDataDir = async (dataDir: string): Promise<() => Promise<void>> => {
  await mkdir(dataDir, { recursive: true })
  const file = join(dataDir, "fleetcore.pid")
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, "wx")
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => unlink(file).catch(() => undefined)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error
      const pid = Number((await readFile(file, "utf8").catch(() => "")).trim())
      if (Number.isSafeInteger(pid) && pid > 0 && alive(pid) && (await isNode(pid))) {
        throw new Error(`another FleetCore (pid ${pid}) is using the data folder ${dataDir}`)
      }
      await unlink(file).catch(() => undefined)
    }
  }
}
