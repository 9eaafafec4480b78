import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { deviceSecretVerifier, deviceVerifierKey } from "@fleetcore/ingest"
import { hashSecret, restartablePort } from "@fleetcore/platform"
import pg from "pg"
import {
  ConnectionGenerators,
  restartFigures,
  waveFigures,
  writeConnectionResult,
} from "./connectionGenerators.js"
import { machineInfo } from "./machineInfo.js"
import { type MemoryAfterGc, memoryAfterGc, mib } from "./memoryAfterGc.js"
import {
  type RoleProcess,
  type ScaleOutStores,
  startRoleProcess,
  startScaleOutStores,
} from "./RoleProcess.js"

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const sum = (values: ReadonlyArray<number>) => values.reduce((a, b) => a + b, 0)

/** One `fleetcore ingest` process, restartable on its data folder and inspector port. */
interface Ingest {
  readonly dataDir: string
  readonly inspectPort: number
  process: RoleProcess
}

/**
 * `bench:connections --ingest-processes N`: the connection benchmark over FleetCore's scale-out
 * shape, for more devices than one process may hold sockets for (its file-descriptor limit). The
 * project's Kafka broker, a PostgreSQL server, one `engine,api` process (it seeds the demo
 * organisation) and N `ingest` processes, each holding its share of the devices from a generator
 * process of its own. The devices are written to PostgreSQL with the digest their first argon2id
 * verification would have stored (`deviceSecretVerifier`), as after any earlier connection; what
 * is measured: the first wave, the memory per held connection in the ingest processes (after a
 * full garbage collection, through each one's inspector), and every device reconnecting once all
 * the ingest processes were restarted together.
 */
export const benchConnectionsScaleOut = async (options: {
  readonly connections: number
  readonly ingestProcesses: number
  readonly inFlight: number
}): Promise<void> => {
  const { connections: count, ingestProcesses } = options
  const root = mkdtempSync(join(tmpdir(), "fleetcore-bench-connections-scale-out-"))
  let stores: ScaleOutStores | undefined
  let engineApi: RoleProcess | undefined
  const ingests: Ingest[] = []
  let generators: ConnectionGenerators | undefined
  try {
    console.log(`starting Kafka, PostgreSQL, engine,api and ${ingestProcesses} ingest processes in ${root} …`)
    const started = await startScaleOutStores(root, 4)
    stores = started
    const { env, jwtSecret, databaseUrl } = started
    engineApi = await startRoleProcess({ repo, roles: "engine,api", dataDir: join(root, "engine-api"), env })
    const startIngest = (dataDir: string, inspectPort: number) =>
      startRoleProcess({
        repo,
        roles: "ingest",
        dataDir,
        env,
        mqtt: true,
        nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
      })
    for (let i = 0; i < ingestProcesses; i++) {
      const dataDir = join(root, `ingest-${i + 1}`)
      const inspectPort = await restartablePort()
      ingests.push({ dataDir, inspectPort, process: await startIngest(dataDir, inspectPort) })
    }

    // The devices, straight into PostgreSQL: one secret, hashed once, and each device's digest.
    const secret = "bench-connections-secret-0123456789"
    const ids = Array.from({ length: count }, (_, i) => `conn-${String(i + 1).padStart(6, "0")}`)
    const hash = await hashSecret(secret)
    const key = deviceVerifierKey(new TextEncoder().encode(jwtSecret))
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const org = await db.query<{ id: string }>("SELECT id FROM organisations ORDER BY created_at LIMIT 1")
    for (let at = 0; at < ids.length; at += 10_000) {
      const chunk = ids.slice(at, at + 10_000)
      await db.query(
        `INSERT INTO devices (id, org_id, secret_hash, secret_verifier)
         SELECT unnest($1::text[]), $2, $3, unnest($4::text[]) ON CONFLICT DO NOTHING`,
        [
          chunk,
          org.rows[0]?.id,
          hash,
          chunk.map((id) => deviceSecretVerifier(key, id, hash, secret).toString("base64")),
        ],
      )
    }
    await db.end()

    const share = Math.ceil(count / ingestProcesses)
    const targets = () =>
      ingests.map((ingest, i) => ({
        host: "127.0.0.1",
        port: Number(new URL(ingest.process.mqttUrl).port),
        ids: ids.slice(i * share, (i + 1) * share),
      }))
    const perGenerator = Math.max(1, Math.round(options.inFlight / ingestProcesses))
    generators = ConnectionGenerators.start(ingestProcesses)
    const memories = () => Promise.all(ingests.map((ingest) => memoryAfterGc(ingest.inspectPort)))

    await sleep(5_000)
    const idle = await memories()
    const idleRss = sum(idle.map((m) => m.rssBytes))
    console.log(
      `idle ingest processes: RSS ${idle.map((m) => mib(m.rssBytes)).join(", ")} MiB (${mib(idleRss)} in all); connecting ${count} devices, ${share} to each …`,
    )
    const first = await generators.connect(targets(), secret, perGenerator)
    console.log(
      `first wave: ${first.connected} in (${first.failed} failed) in ${(first.ms / 1000).toFixed(1)} s`,
    )
    await sleep(10_000)
    const held = await memories()
    const heldRss = sum(held.map((m) => m.rssBytes))
    const perConnectionKiB = (pick: (m: MemoryAfterGc) => number) =>
      (sum(held.map(pick)) - sum(idle.map(pick))) / Math.max(1, first.connected) / 1024
    const memory = {
      rssIdleMiB: idle.map((m) => mib(m.rssBytes)),
      rssHeldMiB: held.map((m) => mib(m.rssBytes)),
      rssIdleTotalMiB: mib(idleRss),
      rssHeldTotalMiB: mib(heldRss),
      perConnectionKiB: perConnectionKiB((m) => m.rssBytes),
      heapPerConnectionKiB: perConnectionKiB((m) => m.heapUsedBytes + m.externalBytes),
    }
    console.log(
      `ingest processes holding ${generators.held} sessions: RSS ${memory.rssHeldMiB.join(", ")} MiB (${memory.rssHeldTotalMiB} in all), ${memory.perConnectionKiB.toFixed(2)} KiB a connection (heap + external ${memory.heapPerConnectionKiB.toFixed(2)})`,
    )

    console.log(`restarting the ${ingestProcesses} ingest processes …`)
    await Promise.all(ingests.map((ingest) => ingest.process.stop(60_000)))
    await Promise.all(
      ingests.map(async (ingest) => {
        ingest.process = await startIngest(ingest.dataDir, ingest.inspectPort)
      }),
    )
    const restart = await generators.connect(targets(), secret, perGenerator)
    console.log(
      `restart: ${restart.connected} back in (${restart.failed} failed) ${(restart.ms / 1000).toFixed(1)} s after every ingest process was ready`,
    )

    writeConnectionResult("connections-scale-out", {
      at: new Date().toISOString(),
      machine: machineInfo(),
      mode: "scale-out",
      connections: count,
      ingestProcesses,
      inFlight: perGenerator * ingestProcesses,
      first: waveFigures(first),
      memory,
      restart: restartFigures(restart),
    })
  } finally {
    generators?.close()
    await Promise.all(ingests.map((ingest) => ingest.process.stop(60_000)))
    await engineApi?.stop(60_000)
    await stores?.stop()
    rmSync(root, { recursive: true, force: true })
  }
}
