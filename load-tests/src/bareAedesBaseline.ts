import { type ChildProcess, fork } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { fleet } from "@fleetcore/proto"
import { connectLeanPublisher, type LeanPublisher } from "./LeanPublisher.js"
import { percentile } from "./metrics.js"

/** How `bench:ingest` drove FleetCore, repeated against bare Aedes. */
export interface BaselineLoad {
  readonly devices: number
  readonly pointsPerMessage: number
  readonly rate: number
  readonly durationS: number
  readonly warmupS: number
  readonly maxInFlight: number
}

export interface BaselineResult {
  readonly offeredPointsPerS: number
  readonly notOfferedPoints: number
  /** Points whose PUBLISH got its PUBACK in the measured window, per second. */
  readonly ackedPointsPerS: number
  readonly pubackLatencyMs: { readonly samples: number; readonly p50: number; readonly p99: number }
  readonly brokerCpuSecondsPer1000Points: number
  readonly brokerCpuUtilisation: number
}

/** The same points `bench:ingest` sends: one track per device, a millisecond apart at least. */
export const benchPoints = (
  device: number,
  perMessage: number,
  lastTime: number[],
): fleet.telemetry.v1.IPoint[] => {
  const points: fleet.telemetry.v1.IPoint[] = []
  for (let k = 0; k < perMessage; k++) {
    const t = Math.max(Date.now(), (lastTime[device] ?? 0) + 1)
    lastTime[device] = t
    points.push({
      timeMs: t,
      lat: 43.2 + (device % 100) * 0.001,
      lon: 76.9 + k * 0.00001,
      speedMps: 10,
      ignition: true,
    })
  }
  return points
}

const startBroker = (): Promise<{ child: ChildProcess; port: number }> =>
  new Promise((resolve, reject) => {
    const script = join(dirname(fileURLToPath(import.meta.url)), "bareAedesServer.js")
    const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`bare Aedes exited with ${code} before listening`)))
    child.once("message", (message) => resolve({ child, port: (message as { port: number }).port }))
  })

const brokerCpuUs = (child: ChildProcess): Promise<number> =>
  new Promise((resolve) => {
    child.once("message", (message) => resolve((message as { cpuUs: number }).cpuUs))
    child.send("cpu")
  })

/**
 * Drives a bare Aedes broker exactly as `bench:ingest` drives FleetCore: the same number of raw-socket
 * QoS 1 publishers, the same in-flight limit, the same protobuf batches at the same offered rate, the
 * same warm-up and window. Its figures are the MQTT layer's limit on this machine at this moment.
 */
export const measureBareAedes = async (load: BaselineLoad): Promise<BaselineResult> => {
  const { child, port } = await startBroker()
  child.removeAllListeners("exit")
  const publishers: LeanPublisher[] = await Promise.all(
    Array.from({ length: load.devices }, (_, i) =>
      connectLeanPublisher({
        host: "127.0.0.1",
        port,
        clientId: `baseline-${i}`,
        username: `baseline-${i}`,
        password: "baseline",
      }),
    ),
  )
  const topics = publishers.map((_, i) => `fleet/v1/devices/baseline-${i}/telemetry`)
  const lastTime = new Array<number>(load.devices).fill(0)
  const ackLatency: number[] = []
  let measuring = false
  let acked = 0
  let offered = 0
  let notOffered = 0
  let sent = 0
  let next = 0
  const started = performance.now()
  let window = { startAt: 0, offered: 0, acked: 0, cpuUs: Promise.resolve(0) }
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsedS = (performance.now() - started) / 1000
      if (elapsedS >= load.warmupS + load.durationS) {
        clearInterval(tick)
        resolve()
        return
      }
      if (!measuring && elapsedS >= load.warmupS) {
        measuring = true
        window = { startAt: performance.now(), offered, acked, cpuUs: brokerCpuUs(child) }
      }
      const due = Math.floor(elapsedS * load.rate) - sent
      for (let n = 0; n < due; n += load.pointsPerMessage) {
        const i = next
        next = (next + 1) % publishers.length
        sent += load.pointsPerMessage
        const publisher = publishers[i] as LeanPublisher
        if (publisher.inFlight() >= load.maxInFlight) {
          notOffered += load.pointsPerMessage
          continue
        }
        offered += load.pointsPerMessage
        const payload = fleet.telemetry.v1.Batch.encode({
          points: benchPoints(i, load.pointsPerMessage, lastTime),
        }).finish()
        const sentAt = performance.now()
        publisher.publish(topics[i] as string, Buffer.from(payload), () => {
          acked += load.pointsPerMessage
          if (measuring) ackLatency.push(performance.now() - sentAt)
        })
      }
    }, 5)
  })
  const windowS = (performance.now() - window.startAt) / 1000
  const ackedInWindow = acked - window.acked
  const cpuS = ((await brokerCpuUs(child)) - (await window.cpuUs)) / 1e6
  measuring = false
  await Promise.all(publishers.map((p) => p.close()))
  const exited = new Promise((done) => child.once("exit", done))
  child.disconnect()
  await exited
  ackLatency.sort((a, b) => a - b)
  return {
    offeredPointsPerS: Math.round((offered - window.offered) / windowS),
    notOfferedPoints: notOffered,
    ackedPointsPerS: Math.round(ackedInWindow / windowS),
    pubackLatencyMs: {
      samples: ackLatency.length,
      p50: Number(percentile(ackLatency, 50).toFixed(1)),
      p99: Number(percentile(ackLatency, 99).toFixed(1)),
    },
    brokerCpuSecondsPer1000Points: Number(((cpuS / Math.max(1, ackedInWindow)) * 1000).toFixed(4)),
    brokerCpuUtilisation: Number((cpuS / windowS).toFixed(2)),
  }
}
