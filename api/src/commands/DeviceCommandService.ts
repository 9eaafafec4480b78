import type { BusTransport, Log, PostgresClient } from "@fleetcore/platform"
import { type LiveCommandChange, LiveTopic, type OrgId } from "@fleetcore/proto"

/**
 * The part of ingest's `DeviceLinks` the service uses (the API does not depend on ingest; the
 * process passes its one registry, `makeDeviceLinks()` in server/src/FleetCore.ts).
 */
export interface CommandLinks {
  readonly linkOf: (deviceId: string) => { readonly send: (text: string) => boolean } | undefined
  readonly listen: (listener: {
    readonly answer: (answer: {
      readonly deviceId: string
      readonly text: string
      readonly commandId?: string
      readonly ok?: boolean
    }) => void
    readonly online: (deviceId: string) => void
    readonly acknowledged?: (deviceId: string, commandId: string) => void
  }) => void
}

/**
 * The PostgreSQL channel on which a queued command's device id is announced: the process that holds
 * the device's connection (an ingest process, maybe not this one) sends it.
 */
export const DEVICE_COMMANDS_CHANNEL = "fleet_device_commands"

/** How often unanswered and undelivered commands are looked for. */
export const COMMAND_SWEEP_MS = 15_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu
const CHANGED = "RETURNING id, org_id, device_id, vehicle_id, status"

interface ChangedRow {
  id: string
  org_id: string
  device_id: string
  vehicle_id: string | null
  status: string
}

export interface DeviceCommandService {
  /** Sends the device's queued commands when it is connected here (one device's work runs in order). */
  readonly deliver: (deviceId: string) => Promise<void>
  /**
   * A command was queued for the device: sent from here when it is connected here, and announced
   * to every process that holds device connections (DEVICE_COMMANDS_CHANNEL) for when it is not.
   */
  readonly queued: (deviceId: string) => Promise<void>
  /** Fails commands unanswered past their timeout and expires those undelivered past their expiry. */
  readonly sweep: (now?: Date) => Promise<number>
  /** Tells dashboards that commands changed (the live feed). */
  readonly pushLive: (rows: ReadonlyArray<ChangedRow>) => void
  readonly close: () => void
}

/**
 * The command queue (issue 14): a command is stored `queued`; while its device has a link it is
 * written to it and becomes `sent`; the device's answer settles it (`answered`, or `failed` when
 * the device says it could not), an MQTT PUBACK marks it `acknowledged` meanwhile. A device coming
 * online gets what waited for it. The sweep fails what was not answered within `timeout_s` and
 * expires what was not delivered before `expires_at`. Every change is pushed to the live feed.
 * Every process with the API or ingest role runs one: with the roles apart, the API's queues and
 * announces, the ingest's delivers and settles (both sweep; each change is one conditional UPDATE).
 */
export const makeDeviceCommandService = (deps: {
  readonly db: PostgresClient
  readonly bus: BusTransport
  readonly log: Log
  readonly links: CommandLinks | null
  readonly sweepMs?: number
}): DeviceCommandService => {
  const { db, log } = deps
  /** Per device, the tail of its work: sends and settlements never interleave. */
  const chains = new Map<string, Promise<void>>()
  const serial = (deviceId: string, work: () => Promise<void>): Promise<void> => {
    const next = (chains.get(deviceId) ?? Promise.resolve()).then(work).catch((error: unknown) => {
      log.error({ err: error, deviceId }, "device command work failed")
    })
    chains.set(deviceId, next)
    void next.then(() => {
      if (chains.get(deviceId) === next) chains.delete(deviceId)
    })
    return next
  }

  const pushLive = (rows: ReadonlyArray<ChangedRow>): void => {
    if (rows.length === 0) return
    const messages = rows.map((r) => {
      const command: LiveCommandChange = {
        id: r.id,
        deviceId: r.device_id,
        vehicleId: r.vehicle_id,
        status: r.status,
      }
      return { key: r.org_id, value: { orgId: r.org_id as OrgId, kind: "command" as const, command } }
    })
    deps.bus.publish(LiveTopic, messages).catch((error: unknown) => {
      log.warn({ err: error }, "command change not pushed to the live feed")
    })
  }

  const deliver = (deviceId: string): Promise<void> =>
    serial(deviceId, async () => {
      const link = deps.links?.linkOf(deviceId)
      if (link === undefined) return
      const waiting = await db.system.query<{ id: string; text: string }>(
        `SELECT id, text FROM device_commands
         WHERE device_id = $1 AND status = 'queued' AND expires_at > now() ORDER BY created_at`,
        [deviceId],
      )
      for (const command of waiting.rows) {
        if (!link.send(command.text)) return // the connection went: the rest waits for the next one
        const sent = await db.system.query<ChangedRow>(
          `UPDATE device_commands SET status = 'sent', sent_at = now(), attempts = attempts + 1
           WHERE id = $1 AND status = 'queued' ${CHANGED}`,
          [command.id],
        )
        pushLive(sent.rows)
      }
    })

  const settle = (answer: Parameters<Parameters<CommandLinks["listen"]>[0]["answer"]>[0]): Promise<void> =>
    serial(answer.deviceId, async () => {
      const ok = answer.ok ?? true
      const byId = answer.commandId !== undefined
      if (byId && !UUID.test(answer.commandId ?? "")) {
        log.warn({ deviceId: answer.deviceId }, "an answer names no command of FleetCore's")
        return
      }
      // Named (MQTT): that command; otherwise the oldest command sent and not settled yet.
      const settled = await db.system.query<ChangedRow>(
        `UPDATE device_commands
         SET status = CASE WHEN $3 THEN 'answered' ELSE 'failed' END, answer = left($2, 4096),
             answered_at = now(), failure = CASE WHEN $3 THEN NULL ELSE 'the device could not carry it out' END
         WHERE id = ${
           byId
             ? "$4::uuid AND device_id = $1"
             : `(SELECT id FROM device_commands WHERE device_id = $1 AND status IN ('sent', 'acknowledged')
                 ORDER BY sent_at, created_at LIMIT 1)`
         } AND status IN ('sent', 'acknowledged') ${CHANGED}`,
        byId ? [answer.deviceId, answer.text, ok, answer.commandId] : [answer.deviceId, answer.text, ok],
      )
      if (settled.rows.length === 0) log.info({ deviceId: answer.deviceId }, "an answer to no open command")
      pushLive(settled.rows)
    })

  const acknowledge = (deviceId: string, commandId: string): Promise<void> =>
    serial(deviceId, async () => {
      if (!UUID.test(commandId)) return
      const acked = await db.system.query<ChangedRow>(
        `UPDATE device_commands SET status = 'acknowledged'
         WHERE id = $2::uuid AND device_id = $1 AND status = 'sent' ${CHANGED}`,
        [deviceId, commandId],
      )
      pushLive(acked.rows)
    })

  const sweep = async (now: Date = new Date()): Promise<number> => {
    const expired = await db.system.query<ChangedRow>(
      `UPDATE device_commands SET status = 'expired',
         failure = 'not delivered: the device did not connect before the command expired'
       WHERE status = 'queued' AND expires_at <= $1 ${CHANGED}`,
      [now],
    )
    const failed = await db.system.query<ChangedRow>(
      `UPDATE device_commands SET status = 'failed', failure = 'no answer from the device within the timeout'
       WHERE status IN ('sent', 'acknowledged') AND sent_at + timeout_s * interval '1 second' <= $1 ${CHANGED}`,
      [now],
    )
    pushLive([...expired.rows, ...failed.rows])
    return expired.rows.length + failed.rows.length
  }

  deps.links?.listen({
    answer: (answer) => void settle(answer),
    online: (deviceId) => void deliver(deviceId),
    acknowledged: (deviceId, commandId) => void acknowledge(deviceId, commandId),
  })
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => log.warn({ err: error }, "device command sweep failed"))
  }, deps.sweepMs ?? COMMAND_SWEEP_MS)
  timer.unref()

  const queued = async (deviceId: string): Promise<void> => {
    await deliver(deviceId)
    await db.system.query("SELECT pg_notify($1, $2)", [DEVICE_COMMANDS_CHANNEL, deviceId])
  }

  return { deliver, queued, sweep, pushLive, close: () => clearInterval(timer) }
}
