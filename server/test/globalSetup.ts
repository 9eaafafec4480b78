import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"

/**
 * One folder per run for the data-folder templates the integration tests start FleetCore from
 * (`startFleetCoreFromTemplate`); the test workers find it in FLEET_TEST_TEMPLATES. Removed at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "fleetcore-templates-"))
  process.env.FLEET_TEST_TEMPLATES = dir
  return () => rm(dir, { recursive: true, force: true })
}
