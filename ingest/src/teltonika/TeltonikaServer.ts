import type { MetricsShape } from "@fleetcore/platform"
import type { DeviceLinks } from "../commands/DeviceLinks.js"
import type { DeviceAuthenticator, DeviceIdentifier, TrackerIngress } from "../DeviceIngress.js"
import { makeIngestRefusals } from "../IngestRefusals.js"
import { listenTcp } from "../listenTcp.js"
import { handleTeltonikaConnection, type TeltonikaLimits } from "./TeltonikaConnection.js"
import { startTeltonikaUdp, type TeltonikaUdpLimits } from "./TeltonikaUdpServer.js"

export const DEFAULT_TELTONIKA_LIMITS: TeltonikaLimits & TeltonikaUdpLimits = {
  // An FMB device's largest TCP packet is a few kilobytes; 64 KiB leaves room for Codec 8E NX data.
  maxPacketBytes: 64 * 1024,
  // The record count is one byte: 255 is the most a packet can declare.
  maxRecords: 255,
  // Devices keep the connection open between packets (a few minutes when parked) and reconnect.
  idleTimeoutMs: 10 * 60_000,
  // A UDP datagram cannot exceed 65,507 bytes of payload; a device's are a few hundred.
  maxDatagramBytes: 16 * 1024,
  // Datagrams waiting for the bus at once: past this the server sheds load and devices resend.
  maxInFlight: 512,
}

export interface TeltonikaServer {
  readonly port: number
  /** The UDP port (the TCP port's number), null when UDP is off. */
  readonly udpPort: number | null
  /** Stops listening and closes every device connection (their unacknowledged packets are resent). */
  readonly close: () => Promise<void>
}

/**
 * The Teltonika listeners on FLEET_TELTONIKA_PORT (5027 by default): TCP, one session per
 * connection, and UDP on the same port number (unless `udp` is false), one datagram at a time.
 */
export const startTeltonikaServer = async (deps: {
  readonly host: string
  readonly port: number
  readonly auth: DeviceAuthenticator & DeviceIdentifier
  readonly ingress: TrackerIngress
  readonly log: { warn(o: object, m: string): void; error(o: object, m: string): void }
  readonly metrics: MetricsShape
  readonly limits?: Partial<TeltonikaLimits & TeltonikaUdpLimits>
  /** Also listen for datagrams on the TCP port's number (default true). */
  readonly udp?: boolean
  /** Connected devices are offered here for Codec 12 commands. */
  readonly links?: DeviceLinks
}): Promise<TeltonikaServer> => {
  const limits = { ...DEFAULT_TELTONIKA_LIMITS, ...deps.limits }
  const refusals = makeIngestRefusals({ metrics: deps.metrics, log: deps.log })
  const tcp = await listenTcp(deps.host, deps.port, (socket) =>
    handleTeltonikaConnection(
      socket,
      {
        auth: deps.auth,
        ingress: deps.ingress,
        refusals,
        log: deps.log,
        ...(deps.links === undefined ? {} : { links: deps.links }),
      },
      limits,
    ),
  )
  const udp =
    deps.udp === false
      ? null
      : await startTeltonikaUdp({
          host: deps.host,
          port: tcp.port,
          auth: deps.auth,
          ingress: deps.ingress,
          refusals,
          log: deps.log,
          limits,
        }).catch(async (error: unknown) => {
          await tcp.close()
          throw error
        })
  return {
    port: tcp.port,
    udpPort: udp?.port ?? null,
    close: async () => {
      await Promise.all([tcp.close(), udp?.close()])
    },
  }
}
