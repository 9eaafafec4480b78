import type { MetricsShape } from "@fleetcore/platform"
import { Counter } from "prom-client"

/** Why a device connection or request was refused before its payload reached ingest. Stable codes (docs/errors.md). */
export type RefusalReason =
  | "FLEET_INGEST_PACKET_TOO_LARGE"
  | "FLEET_INGEST_PACKET_MALFORMED"
  | "FLEET_INGEST_PROTOCOL_ERROR"
  | "FLEET_INGEST_DEVICE_UNAUTHORIZED"
  | "FLEET_INGEST_AUTH_THROTTLED"
  | "FLEET_INGEST_ORGANISATION_SUSPENDED"

export type RefusalTransport = "mqtt" | "mqtt-ws" | "http" | "teltonika" | "teltonika-udp" | "osmand" | "gt06"

export interface IngestRefusals {
  /** Counts one refusal and logs it, at most once a minute per reason (with how many were not logged). */
  readonly refuse: (transport: RefusalTransport, reason: RefusalReason, detail: object) => void
}

const NAME = "fleet_ingest_refusals_total"
const LOG_EVERY_MS = 60_000

/**
 * The counter `fleet_ingest_refusals_total{transport, reason}` on the process registry: connections
 * and requests refused for their framing or their credentials. Refused payloads and points are counted
 * by `fleet_ingest_points_rejected_total` and dead-lettered instead.
 */
export const makeIngestRefusals = (deps: {
  readonly metrics: MetricsShape
  readonly log: { warn(o: object, m: string): void }
  readonly now?: () => number
}): IngestRefusals => {
  const now = deps.now ?? Date.now
  // One counter per registry, whichever transport asks first (HTTP and MQTT share it).
  const existing = deps.metrics.registry.getSingleMetric(NAME)
  const counter =
    existing instanceof Counter
      ? (existing as Counter<"transport" | "reason">)
      : new Counter({
          name: NAME,
          help: "Device connections and requests refused before ingest (oversize or malformed packets, failed or throttled authentication)",
          labelNames: ["transport", "reason"] as const,
          registers: [deps.metrics.registry],
        })
  const lastLogged = new Map<RefusalReason, { atMs: number; suppressed: number }>()
  return {
    refuse: (transport, reason, detail) => {
      counter.inc({ transport, reason })
      const at = now()
      const last = lastLogged.get(reason)
      if (last !== undefined && at - last.atMs < LOG_EVERY_MS) {
        last.suppressed++
        return
      }
      deps.log.warn(
        { ...detail, transport, reason, notLoggedSinceLast: last?.suppressed ?? 0 },
        "device connection or request refused",
      )
      lastLogged.set(reason, { atMs: at, suppressed: 0 })
    },
  }
}
