import type { MetricsShape } from "@fleetcore/platform"
import type { DeviceLinks } from "../commands/DeviceLinks.js"
import type { DeviceAuthenticator, DeviceIdentifier, TrackerIngress } from "../DeviceIngress.js"
import { makeIngestRefusals } from "../IngestRefusals.js"
import { listenTcp } from "../listenTcp.js"
import { type Gt06Limits, handleGt06Connection } from "./Gt06Connection.js"

export const DEFAULT_GT06_LIMITS: Gt06Limits = {
  // A 0x7878 frame is at most 260 bytes; 0x7979 information packets of real terminals stay under
  // 1 KiB. 4 KiB leaves room and bounds what one frame can make the server buffer.
  maxFrameBytes: 4096,
  // Location packets are not answered, so a terminal re-uploading its stored points sends many in a
  // row; the socket is paused while they are stored, and this bounds what can wait.
  maxBufferedBytes: 256 * 1024,
  // Terminals send a heartbeat every 3 minutes by default (the protocol's "Basic rules").
  idleTimeoutMs: 10 * 60_000,
}

export interface Gt06Server {
  readonly port: number
  /** Stops listening and closes every device connection. */
  readonly close: () => Promise<void>
}

/** The GT06 TCP listener (FLEET_GT06_PORT, 5023 by default): one session per connection. */
export const startGt06Server = async (deps: {
  readonly host: string
  readonly port: number
  readonly auth: DeviceAuthenticator & DeviceIdentifier
  readonly ingress: TrackerIngress
  readonly links: DeviceLinks
  readonly log: { warn(o: object, m: string): void; error(o: object, m: string): void }
  readonly metrics: MetricsShape
  readonly limits?: Partial<Gt06Limits>
}): Promise<Gt06Server> => {
  const limits = { ...DEFAULT_GT06_LIMITS, ...deps.limits }
  const refusals = makeIngestRefusals({ metrics: deps.metrics, log: deps.log })
  return listenTcp(deps.host, deps.port, (socket) =>
    handleGt06Connection(
      socket,
      { auth: deps.auth, ingress: deps.ingress, refusals, links: deps.links, log: deps.log },
      limits,
    ),
  )
}
