/**
 * The seam between the tracker protocols (Teltonika, GT06, MQTT) and the command service: a
 * protocol session that can carry commands to its device attaches a link while the device is
 * connected; the command service sends through it and hears what the device answered.
 */

/** One connected device's way back: writes a command in the device's own protocol. */
export interface CommandLink {
  /** The protocol the link speaks, e.g. "teltonika", "gt06", "mqtt". */
  readonly protocol: string
  /** Writes the command's text to the device; false when the connection is already gone. */
  readonly send: (text: string) => boolean
}

/** What a device answered to the command it was last sent. */
export interface CommandAnswer {
  readonly deviceId: string
  readonly text: string
  readonly at: Date
  /** The command answered, when the protocol names it (MQTT); otherwise the oldest one sent. */
  readonly commandId?: string
  /** False when the device says it could not carry the command out (MQTT `ok: false`). */
  readonly ok?: boolean
}

export interface DeviceLinks {
  /** A session announces its device can take commands; the returned function withdraws the link (on close). */
  readonly attach: (deviceId: string, link: CommandLink) => () => void
  /** The device's current link, if it is connected through a protocol that carries commands. */
  readonly linkOf: (deviceId: string) => CommandLink | undefined
  /** The devices connected here with a link. */
  readonly connected: () => Iterable<string>
  /** A session passes on the device's answer to a command (`commandId` and `ok` where the protocol says them). */
  readonly answered: (
    deviceId: string,
    text: string,
    by?: { readonly commandId?: string; readonly ok?: boolean },
  ) => void
  /** A session tells that the device received a command without answering it yet (MQTT QoS 1 PUBACK). */
  readonly acknowledged: (deviceId: string, commandId: string) => void
  /** The command service listens for answers and for devices coming online (to send what waits). */
  readonly listen: (listener: {
    readonly answer: (answer: CommandAnswer) => void
    readonly online: (deviceId: string) => void
    readonly acknowledged?: (deviceId: string, commandId: string) => void
  }) => void
}

/** The in-process registry (one per FleetCore process; a device is connected to one process). */
export const makeDeviceLinks = (): DeviceLinks => {
  const links = new Map<string, CommandLink>()
  const listeners: Array<Parameters<DeviceLinks["listen"]>[0]> = []
  return {
    attach: (deviceId, link) => {
      links.set(deviceId, link)
      for (const l of listeners) l.online(deviceId)
      return () => {
        if (links.get(deviceId) === link) links.delete(deviceId)
      }
    },
    linkOf: (deviceId) => links.get(deviceId),
    connected: () => [...links.keys()],
    answered: (deviceId, text, by) => {
      const answer = { deviceId, text, at: new Date(), ...by }
      for (const l of listeners) l.answer(answer)
    },
    acknowledged: (deviceId, commandId) => {
      for (const l of listeners) l.acknowledged?.(deviceId, commandId)
    },
    listen: (listener) => {
      listeners.push(listener)
    },
  }
}
