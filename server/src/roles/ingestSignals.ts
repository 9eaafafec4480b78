import { DEVICE_COMMANDS_CHANNEL, type DeviceCommandService } from "@fleetcore/api/shared"
import { type Log, listenPostgres, type PostgresListener } from "@fleetcore/platform"
import type pg from "pg"

/** The PostgreSQL channel on which API processes announce changed devices and organisations. */
export const DEVICE_CHANGES_CHANNEL = "fleet_device_changes"

export type DeviceChange = { readonly kind: "device" | "organisation"; readonly id: string }

/**
 * Tells every ingest process, this one's too, that a device (secret rotated, disabled, moved,
 * deleted) or an organisation (suspended) changed, so none keeps authenticating it from its cache.
 */
export const announceDeviceChange = async (db: pg.Pool, change: DeviceChange): Promise<void> => {
  await db.query("SELECT pg_notify($1, $2)", [DEVICE_CHANGES_CHANNEL, `${change.kind}:${change.id}`])
}

export interface DeviceCache {
  readonly forget: (deviceId: string) => void
  readonly forgetOrganisation: (orgId: string) => void
  readonly forgetAll: () => void
}

/**
 * What an ingest process follows from the API processes, over one PostgreSQL connection: changed
 * devices and organisations (forgotten from its authentication cache) and queued commands (sent to
 * the device when it is connected here). After the connection dropped it forgets every cached device
 * and sends what waits for each device connected here: what was announced meanwhile is not missed.
 */
export const followIngestSignals = (
  db: pg.Pool,
  deps: {
    readonly cache: DeviceCache
    readonly commands: DeviceCommandService
    readonly connected: () => Iterable<string>
  },
  log: Log,
): Promise<PostgresListener> =>
  listenPostgres(db, {
    name: "ingest signals",
    channels: [DEVICE_CHANGES_CHANNEL, DEVICE_COMMANDS_CHANNEL],
    log,
    onResumed: () => {
      deps.cache.forgetAll()
      for (const deviceId of deps.connected()) void deps.commands.deliver(deviceId)
    },
    onNotification: (channel, payload) => {
      const text = payload ?? ""
      if (channel === DEVICE_COMMANDS_CHANNEL) {
        if (text !== "") void deps.commands.deliver(text)
        return
      }
      const colon = text.indexOf(":")
      const kind = text.slice(0, colon)
      const id = text.slice(colon + 1)
      if (colon < 0 || id === "") return
      if (kind === "device") deps.cache.forget(id)
      else if (kind === "organisation") deps.cache.forgetOrganisation(id)
    },
  })
