import {
  type DeviceLinks,
  type makeDeviceAuthenticator,
  registerHttpIngest,
  registerOsmAnd,
  startGt06Server,
  startMqttBroker,
  startTeltonikaServer,
  type TrackerIngress,
} from "@fleetcore/ingest"
import type { Log, MetricsShape } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { AppConfig } from "../AppConfig.js"

export interface IngestDeps {
  readonly auth: ReturnType<typeof makeDeviceAuthenticator>
  readonly ingress: TrackerIngress
  readonly links: DeviceLinks
  readonly log: Log
  readonly metrics: MetricsShape
}

/** The ingest role's HTTP routes (HTTP ingest, OsmAnd): registered before any catch-all route. */
export const registerIngestRoutes = (http: TemplatedApp, deps: IngestDeps): void => {
  registerHttpIngest(http, deps)
  registerOsmAnd(http, deps)
}

export interface DeviceListeners {
  readonly mqttPort: number
  readonly mqttWsPort: number
  /** null: the listener is off (its port configured as 0). */
  readonly teltonikaPort: number | null
  readonly gt06Port: number | null
  /** Closes each listener, in the order given (the caller runs them newest first). */
  readonly closers: ReadonlyArray<() => Promise<void>>
}

/**
 * The ingest role's device listeners: the MQTT broker (TCP and WebSocket) and the trackers' own
 * TCP protocols. Every accepted point goes through `ingress` to the bus.
 */
export const startDeviceListeners = async (config: AppConfig, deps: IngestDeps): Promise<DeviceListeners> => {
  const closers: Array<() => Promise<void>> = []
  try {
    const mqtt = await startMqttBroker({
      host: config.host,
      port: config.mqttPort,
      wsPort: config.mqttWsPort,
      ...deps,
    })
    closers.push(mqtt.close)
    const teltonika =
      config.teltonikaPort === 0
        ? null
        : await startTeltonikaServer({ host: config.host, port: config.teltonikaPort, ...deps })
    if (teltonika !== null) closers.push(teltonika.close)
    const gt06 =
      config.gt06Port === 0
        ? null
        : await startGt06Server({ host: config.host, port: config.gt06Port, ...deps })
    if (gt06 !== null) closers.push(gt06.close)
    return {
      mqttPort: mqtt.port,
      mqttWsPort: mqtt.wsPort,
      teltonikaPort: teltonika?.port ?? null,
      gt06Port: gt06?.port ?? null,
      closers,
    }
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    throw error
  }
}
